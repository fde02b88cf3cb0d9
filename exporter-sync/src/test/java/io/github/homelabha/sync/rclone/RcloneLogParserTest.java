package io.github.homelabha.sync.rclone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RcloneLogParserTest {
  final RcloneLogParser parser = new RcloneLogParser(ZoneOffset.UTC);

  @Test
  void readsStatsErrorAndFailureLines() throws Exception {
    String[] lines = RcloneFixtures.read("sync-failed.jsonl").split("\n");
    RcloneLogLine error = parser.parse(lines[0]).orElseThrow();
    assertThat(error.kind()).isEqualTo(RcloneLogLine.Kind.ERROR);
    assertThat(error.message())
        .isEqualTo("f4: Failed to copy: mkdir /srv/standby/afile: not a directory");

    RcloneLogLine stats = parser.parse(lines[3]).orElseThrow();
    assertThat(stats.kind()).isEqualTo(RcloneLogLine.Kind.STATS);
    assertThat(stats.stats().orElseThrow().errors()).isEqualTo(38);
    assertThat(stats.stats().orElseThrow().lastError())
        .contains("mkdir /srv/standby/afile: not a directory");
    assertThat(stats.time()).isEqualTo(Instant.parse("2026-11-23T18:50:36.923057Z"));

    RcloneLogLine failure = parser.parse(lines[4]).orElseThrow();
    assertThat(failure.kind()).isEqualTo(RcloneLogLine.Kind.FAILURE);
    assertThat(failure.time()).isEqualTo(Instant.parse("2026-11-23T18:50:36Z"));
    assertThat(failure.message()).startsWith("Failed to sync with 38 errors");
  }

  @Test
  void ignoresForeignPlainLinesAndRejectsBrokenJson() throws Exception {
    assertThat(parser.parse("goroutine 1 [running]:")).isEmpty();
    assertThat(parser.parse("2026/11/23 18:50:36 NOTICE: something")).isEmpty();
    assertThatThrownBy(() -> parser.parse("{\"level\":\"info\",\"msg\":"))
        .isInstanceOf(RcloneParseException.class);
    assertThatThrownBy(() -> parser.parse("{\"msg\":\"x\",\"time\":\"2026-11-23T18:50:36Z\"}"))
        .isInstanceOf(RcloneParseException.class)
        .hasMessageContaining("level");
    assertThatThrownBy(
            () ->
                parser.parse(
                    "{\"level\":\"info\",\"msg\":\"x\",\"time\":\"2026-11-23T18:50:36Z\",\"stats\":{\"bytes\":\"many\"}}"))
        .isInstanceOf(RcloneParseException.class)
        .hasMessageContaining("bytes");
  }

  @Test
  void boundsErrorMessagesForLabels() {
    assertThat(ErrorMessages.forLabel("a\nb\tc")).isEqualTo("a b c");
    assertThat(ErrorMessages.forLabel("ü".repeat(500))).hasSize(200).endsWith("...");
  }
}
