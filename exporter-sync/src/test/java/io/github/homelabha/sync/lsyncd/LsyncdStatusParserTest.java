package io.github.homelabha.sync.lsyncd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LsyncdStatusParserTest {
  static String fixture(String name) throws IOException {
    try (InputStream in = LsyncdStatusParserTest.class.getResourceAsStream("/lsyncd/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void parsesAnIdleSync() throws Exception {
    LsyncdStatus status = LsyncdStatusParser.parse(fixture("one-sync-idle.status"));
    assertThat(status.watchedDirectories()).isEqualTo(3);
    assertThat(status.syncs()).hasSize(1);
    assertThat(status.syncs().get(0).source()).isEqualTo("/srv/data/prometheus/");
    assertThat(status.syncs().get(0).delays()).isZero();
    assertThat(status.syncs().get(0).active()).isZero();
  }

  @Test
  void parsesTwoBusySyncsWithStatesAndMoves() throws Exception {
    LsyncdStatus status = LsyncdStatusParser.parse(fixture("two-syncs-busy.status"));
    assertThat(status.watchedDirectories()).isEqualTo(4);
    LsyncdStatus.Sync grafana = status.syncs().get(0);
    assertThat(grafana.delays()).isEqualTo(5);
    assertThat(grafana.delaysByState())
        .containsEntry("active", 1)
        .containsEntry("wait", 3)
        .containsEntry("block", 1);
    LsyncdStatus.Sync loki = status.syncs().get(1);
    assertThat(loki.source()).isEqualTo("/srv/data/loki/");
    assertThat(loki.delays()).isEqualTo(2);
  }

  @Test
  void everyStrictPrefixIsRejectedNeverMisread() throws Exception {
    String full = fixture("two-syncs-busy.status");
    // The file minus its final newline, and every shorter prefix, is what a reader sees while
    // lsyncd rewrites it: never a wrong but plausible report.
    for (int i = 0; i < full.length(); i++) {
      String prefix = full.substring(0, i);
      assertThatThrownBy(() -> LsyncdStatusParser.parse(prefix))
          .as("prefix of %d chars", prefix.length())
          .isInstanceOf(LsyncdParseException.class);
    }
  }

  @Test
  void marksHalfWrittenFilesAsIncompleteAndForeignOnesAsNot() throws Exception {
    String full = fixture("one-sync-idle.status");
    String cut = full.substring(0, full.indexOf("Inotify"));
    assertThatThrownBy(() -> LsyncdStatusParser.parse(cut))
        .isInstanceOfSatisfying(
            LsyncdParseException.class, e -> assertThat(e.incomplete()).isTrue());
    assertThatThrownBy(() -> LsyncdStatusParser.parse("PK\u0003\u0004 not a status file\n"))
        .isInstanceOfSatisfying(
            LsyncdParseException.class, e -> assertThat(e.incomplete()).isFalse());
  }
}
