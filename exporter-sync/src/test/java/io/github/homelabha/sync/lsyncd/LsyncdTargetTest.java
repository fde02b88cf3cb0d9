package io.github.homelabha.sync.lsyncd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.api.ScrapeException;
import io.github.homelabha.core.testkit.FixedScrapeContext;
import io.github.homelabha.core.testkit.RecordingWriter;
import io.github.homelabha.sync.proc.FakeProc;
import io.github.homelabha.sync.proc.ProcessTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LsyncdTargetTest {
  @TempDir Path dir;

  /** A fake /proc with one process of the given name (or none). */
  private ProcessTable procWith(String... names) throws Exception {
    return FakeProc.withProcesses(dir, names);
  }

  private LsyncdTarget target(ProcessTable processes, String logFile) throws Exception {
    LsyncdConfig config = new LsyncdConfig();
    config.statusFile = dir.resolve("lsyncd.status").toString();
    config.logFile = logFile;
    return new LsyncdTarget(config, Map.of("/srv/data/grafana/", "grafana"), processes);
  }

  @Test
  void servesDelaysWhileLsyncdRuns() throws Exception {
    Files.writeString(
        dir.resolve("lsyncd.status"), LsyncdStatusParserTest.fixture("two-syncs-busy.status"));
    RecordingWriter out = new RecordingWriter();
    target(procWith("lsyncd", "bash"), "").scrape(new FixedScrapeContext(), out);
    assertThat(out.valueOf(LsyncdCollector.RUNNING)).isEqualTo(1);
    assertThat(out.valueOf(LsyncdCollector.DELAYS, "/srv/data/grafana/", "grafana")).isEqualTo(5);
    assertThat(out.valueOf(LsyncdCollector.DELAYS, "/srv/data/loki/", "")).isEqualTo(2);
    assertThat(out.valueOf(LsyncdCollector.ACTIVE, "/srv/data/grafana/")).isEqualTo(1);
    assertThat(out.valueOf(LsyncdCollector.QUEUED, "/srv/data/grafana/", "grafana", "block"))
        .isEqualTo(1);
    assertThat(out.valueOf(LsyncdCollector.WATCHED)).isEqualTo(4);
  }

  @Test
  void leftoverStatusFileOfAStoppedLsyncdServesNoDelays() throws Exception {
    Files.writeString(
        dir.resolve("lsyncd.status"), LsyncdStatusParserTest.fixture("two-syncs-busy.status"));
    RecordingWriter out = new RecordingWriter();
    target(procWith("bash"), "").scrape(new FixedScrapeContext(), out);
    assertThat(out.valueOf(LsyncdCollector.RUNNING)).isZero();
    assertThat(out.samples(LsyncdCollector.DELAYS)).isEmpty();
    assertThat(out.value(LsyncdCollector.STATUS_TIME)).isPresent();
  }

  @Test
  void garbageStatusFileFailsTheScrapeWithParseReason() throws Exception {
    Files.writeString(dir.resolve("lsyncd.status"), "this is not lsyncd\n\u0000\u0001");
    assertThatThrownBy(
            () ->
                target(procWith("lsyncd"), "")
                    .scrape(new FixedScrapeContext(), new RecordingWriter()))
        .isInstanceOfSatisfying(
            ScrapeException.class, e -> assertThat(e.reason()).isEqualTo("parse"))
        .hasMessageContaining("lsyncd.status");
  }

  @Test
  void persistentlyHalfWrittenFileFailsAfterRetries() throws Exception {
    String full = LsyncdStatusParserTest.fixture("one-sync-idle.status");
    Files.writeString(dir.resolve("lsyncd.status"), full.substring(0, full.length() / 2));
    assertThatThrownBy(
            () ->
                target(procWith("lsyncd"), "")
                    .scrape(new FixedScrapeContext(), new RecordingWriter()))
        .isInstanceOfSatisfying(
            ScrapeException.class, e -> assertThat(e.reason()).isEqualTo("parse"))
        .hasMessageContaining("being rewritten");
  }

  @Test
  void missingStatusFileWhileLsyncdRunsIsAnError() throws Exception {
    assertThatThrownBy(
            () ->
                target(procWith("lsyncd"), "")
                    .scrape(new FixedScrapeContext(), new RecordingWriter()))
        .isInstanceOfSatisfying(
            ScrapeException.class, e -> assertThat(e.reason()).isEqualTo("unreadable"));
    RecordingWriter out = new RecordingWriter();
    target(procWith(), "").scrape(new FixedScrapeContext(), out);
    assertThat(out.valueOf(LsyncdCollector.RUNNING)).isZero();
  }

  @Test
  void countsRsyncExitCodesFromTheLog() throws Exception {
    Files.writeString(
        dir.resolve("lsyncd.status"), LsyncdStatusParserTest.fixture("one-sync-idle.status"));
    Path log = dir.resolve("lsyncd.log");
    Files.write(
        log, LsyncdTargetTest.class.getResourceAsStream("/lsyncd/lsyncd.log").readAllBytes());
    LsyncdTarget target = target(procWith("lsyncd"), log.toString());
    RecordingWriter out = new RecordingWriter();
    target.scrape(new FixedScrapeContext(), out);
    assertThat(out.valueOf(LsyncdCollector.EXITS, "0")).isEqualTo(1);
    assertThat(out.valueOf(LsyncdCollector.EXITS, "10")).isEqualTo(2);
    assertThat(out.valueOf(LsyncdCollector.EXITS, "24")).isEqualTo(1);
    assertThat(out.valueOf(LsyncdCollector.RETRIES)).isEqualTo(2);
    assertThat(out.valueOf(LsyncdCollector.LOG_ERRORS)).isEqualTo(1);
    assertThat(out.valueOf(LsyncdCollector.LAST_EXIT)).isEqualTo(24);

    Files.writeString(
        log,
        "Mon Nov 23 18:46:00 2026 Normal: Retrying a list after exitcode = 12\n",
        java.nio.file.StandardOpenOption.APPEND);
    RecordingWriter second = new RecordingWriter();
    target.scrape(new FixedScrapeContext(), second);
    assertThat(second.valueOf(LsyncdCollector.EXITS, "12")).isEqualTo(1);
    assertThat(second.valueOf(LsyncdCollector.RETRIES)).isEqualTo(3);
    assertThat(second.valueOf(LsyncdCollector.LAST_EXIT)).isEqualTo(12);
  }
}
