package io.github.homelabha.keepalived.fifo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotifyLineParserTest {

  @Test
  void readsTheLinesKeepalivedWrites() {
    assertThat(NotifyLineParser.parse("INSTANCE \"VI_DNS\" MASTER 150", 7))
        .contains(new NotifyEvent(NotifyEvent.Kind.INSTANCE, "VI_DNS", "MASTER", 150, 7));
    assertThat(NotifyLineParser.parse("GROUP \"SG_DNS\" BACKUP 0", 7))
        .contains(new NotifyEvent(NotifyEvent.Kind.GROUP, "SG_DNS", "BACKUP", 0, 7));
    NotifyEvent prio =
        NotifyLineParser.parse("INSTANCE \"VI_DNS\" MASTER_PRIORITY 90", 0).orElseThrow();
    assertThat(prio.isPriorityChange()).isTrue();
    assertThat(NotifyLineParser.parse("INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 100", 0)).isPresent();
    assertThat(NotifyLineParser.parse("INSTANCE \"VI_1\" DELETED 100", 0)).isPresent();
  }

  @Test
  void skipsCheckerLinesAndGarbage() {
    assertThat(NotifyLineParser.parse("VS \"10.0.0.1:80\" UP", 0)).isEmpty();
    assertThat(NotifyLineParser.parse("RS \"10.0.0.2:80\" \"10.0.0.1:80\" DOWN", 0)).isEmpty();
    assertThat(NotifyLineParser.parse("INSTANCE \"VI_1\" {UNKNOWN} 100", 0)).isEmpty();
    assertThat(NotifyLineParser.parse("INSTANCE \"VI_1\" MASTER 999", 0)).isEmpty();
    assertThat(NotifyLineParser.parse("INSTANCE VI_1 MASTER 100", 0)).isEmpty();
    assertThat(NotifyLineParser.parse("", 0)).isEmpty();
  }
}
