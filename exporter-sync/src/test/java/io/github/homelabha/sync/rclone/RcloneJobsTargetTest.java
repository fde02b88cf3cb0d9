package io.github.homelabha.sync.rclone;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.testkit.FixedScrapeContext;
import io.github.homelabha.core.testkit.MutableClock;
import io.github.homelabha.core.testkit.RecordingWriter;
import io.github.homelabha.sync.proc.ProcessTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RcloneJobsTargetTest {
  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T19:00:00Z"));

  private RcloneJobsTarget target(Path log, Path proc) {
    RcloneJobConfig job = new RcloneJobConfig();
    job.name = "grafana";
    job.logFile = log.toString();
    return new RcloneJobsTarget(
        List.of(job),
        new RcloneStateStore(dir.resolve("state/rclone.json")),
        new ProcessTable(proc),
        Duration.ofSeconds(90),
        ZoneOffset.UTC,
        clock);
  }

  @Test
  void lastSuccessIsKeptAcrossRestartsAndFailuresAreCounted() throws Exception {
    Path log = dir.resolve("rclone.log");
    Path emptyProc = Files.createDirectories(dir.resolve("proc"));
    RecordingWriter none = new RecordingWriter();
    target(log, emptyProc).scrape(new FixedScrapeContext(), none);
    assertThat(none.valueOf(RcloneJobCollector.LOG_PRESENT, "grafana")).isZero();
    assertThat(none.value(RcloneJobCollector.LAST_SUCCESS, "grafana")).isEmpty();

    Files.writeString(log, RcloneFixtures.read("sync-ok.jsonl"));
    RecordingWriter first = new RecordingWriter();
    target(log, emptyProc).scrape(new FixedScrapeContext(), first);
    // no rclone process has the log open: the run is over
    assertThat(first.valueOf(RcloneJobCollector.LAST_SUCCESS, "grafana")).isEqualTo(1795459415.083);
    assertThat(first.valueOf(RcloneJobCollector.RUNS, "grafana", "success")).isEqualTo(1);
    assertThat(first.valueOf(RcloneJobCollector.RUNNING, "grafana")).isZero();

    Files.writeString(log, RcloneFixtures.read("sync-failed.jsonl"), StandardOpenOption.APPEND);
    RcloneJobsTarget restarted = target(log, emptyProc);
    RecordingWriter second = new RecordingWriter();
    restarted.scrape(new FixedScrapeContext(), second);
    assertThat(second.valueOf(RcloneJobCollector.LAST_SUCCESS, "grafana"))
        .isEqualTo(1795459415.083);
    assertThat(second.valueOf(RcloneJobCollector.RUNS, "grafana", "success")).isEqualTo(1);
    assertThat(second.valueOf(RcloneJobCollector.RUNS, "grafana", "failure")).isEqualTo(1);
    assertThat(second.valueOf(RcloneJobCollector.LAST_RUN_SUCCESS, "grafana")).isZero();
    assertThat(second.valueOf(RcloneJobCollector.ERRORS, "grafana")).isEqualTo(38);
    assertThat(second.samples(RcloneJobCollector.LAST_ERROR).get(0).labels().get(1))
        .contains("not a directory");

    // log rotated: a new, empty file does not lose what was learned
    Files.delete(log);
    Files.writeString(log, "");
    RecordingWriter third = new RecordingWriter();
    target(log, emptyProc).scrape(new FixedScrapeContext(), third);
    assertThat(third.valueOf(RcloneJobCollector.LAST_SUCCESS, "grafana")).isEqualTo(1795459415.083);
  }

  @Test
  void runStaysOpenWhileRcloneWritesTheLogAndClosesAfterTheSettleTime() throws Exception {
    Path log = dir.resolve("rclone.log");
    Files.writeString(log, RcloneFixtures.read("sync-ok.jsonl"));
    Path proc = Files.createDirectories(dir.resolve("proc-busy/4242"));
    Files.writeString(proc.resolve("comm"), "rclone\n");
    Files.writeString(proc.resolve("cmdline"), "rclone\0sync\0--log-file=" + log + "\0");
    clock.set(Instant.parse("2026-11-23T18:43:40Z"));
    RcloneJobsTarget target = target(log, proc.getParent());
    RecordingWriter during = new RecordingWriter();
    target.scrape(new FixedScrapeContext(), during);
    assertThat(during.valueOf(RcloneJobCollector.RUNNING, "grafana")).isEqualTo(1);
    assertThat(during.value(RcloneJobCollector.LAST_SUCCESS, "grafana")).isEmpty();

    clock.advance(Duration.ofMinutes(2));
    RecordingWriter after = new RecordingWriter();
    target.scrape(new FixedScrapeContext(), after);
    assertThat(after.valueOf(RcloneJobCollector.RUNNING, "grafana")).isZero();
    assertThat(after.value(RcloneJobCollector.LAST_SUCCESS, "grafana")).isPresent();
  }
}
