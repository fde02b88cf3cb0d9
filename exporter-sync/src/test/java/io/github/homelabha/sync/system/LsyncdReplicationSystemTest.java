package io.github.homelabha.sync.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.RunningExporter;
import io.github.homelabha.core.testkit.system.ManagedProcess;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import io.github.homelabha.sync.SyncExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real lsyncd + rsync between two local directories, one exporter per side: steady state, lsyncd
 * stopped while files change, lsyncd restarted, garbage canary and garbage status file.
 */
@RequiresBinaries({"lsyncd", "rsync"})
class LsyncdReplicationSystemTest {
  @TempDir Path work;
  Path src;
  Path dst;
  Path status;
  Path lsyncdLog;
  Path config;
  ManagedProcess lsyncd;
  RunningExporter source;
  RunningExporter replica;

  @BeforeEach
  void setUp() throws Exception {
    src = Files.createDirectories(work.resolve("src"));
    dst = Files.createDirectories(work.resolve("dst"));
    status = work.resolve("lsyncd.status");
    lsyncdLog = work.resolve("lsyncd.log");
    config = work.resolve("lsyncd.conf.lua");
    // An hour old: the sample digest takes the most recently modified files, and files written
    // in the same second as the seeds could lose the tie to them and stay out of the sample.
    FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
    for (int i = 0; i < 50; i++) {
      Path seed = Files.writeString(src.resolve("seed-" + i), "seed " + i);
      Files.setLastModifiedTime(seed, anHourAgo);
    }
    Files.writeString(
        config,
        "settings { statusFile = \""
            + status
            + "\", statusInterval = 1, logfile = \""
            + lsyncdLog
            + "\", nodaemon = true, insist = true }\n"
            + "sync { default.rsync, source = \""
            + src
            + "\", target = \""
            + dst
            + "\", delay = 1 }\n");
    lsyncd = startLsyncd();
    source =
        RunningExporter.start(
            new SyncExporter(),
            "--sync.pair=data:source:" + src,
            "--canary.interval=500ms",
            "--tree.scan-interval=1s",
            "--lsyncd.status-file=" + status,
            "--lsyncd.log-file=" + lsyncdLog);
    replica =
        RunningExporter.start(
            new SyncExporter(),
            "--sync.pair=data:replica:" + dst,
            "--canary.interval=500ms",
            "--tree.scan-interval=1s");
  }

  private ManagedProcess startLsyncd() throws Exception {
    return ManagedProcess.start(List.of("lsyncd", config.toString()), work.resolve("lsyncd.out"));
  }

  @AfterEach
  void tearDown() {
    for (AutoCloseable c : new AutoCloseable[] {replica, source, lsyncd}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // best effort: the other resources still need closing
      }
    }
  }

  private ParsedMetrics scrape(RunningExporter e) throws Exception {
    return e.scrape();
  }

  private void awaitInSync() {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              ParsedMetrics s = scrape(source);
              ParsedMetrics r = scrape(replica);
              assertThat(r.valueOf("sync_up")).isEqualTo(1);
              assertThat(r.valueOf("sync_lag_seconds", "pair", "data", "role", "replica"))
                  .isBetween(0.0, 4.0);
              assertThat(r.valueOf("sync_tree_files", "pair", "data"))
                  .isEqualTo(s.valueOf("sync_tree_files", "pair", "data"));
              assertThat(r.valueOf("sync_tree_sample_digest", "pair", "data"))
                  .isEqualTo(s.valueOf("sync_tree_sample_digest", "pair", "data"));
              assertThat(r.valueOf("sync_canary_sequence", "pair", "data"))
                  .isGreaterThan(s.valueOf("sync_canary_sequence", "pair", "data") - 8);
            });
  }

  @Test
  void lagAndDivergenceRiseWhileLsyncdIsStoppedAndRecoverAfterARestart() throws Exception {
    awaitInSync();
    ParsedMetrics steady = scrape(source);
    assertThat(steady.valueOf("sync_lsyncd_running", "target", "lsyncd")).isEqualTo(1);
    assertThat(steady.value("sync_lsyncd_delays", "pair", "data")).isPresent();

    lsyncd.stop(ManagedProcess.DEFAULT_GRACE);
    for (int i = 0; i < 20; i++) {
      Files.writeString(src.resolve("while-stopped-" + i), "x".repeat(i));
    }
    // Generous: tree scans are paced to a fifth of the time, slow on a loaded machine.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              ParsedMetrics s = scrape(source);
              ParsedMetrics r = scrape(replica);
              assertThat(s.valueOf("sync_lsyncd_running", "target", "lsyncd")).isZero();
              assertThat(s.samples("sync_lsyncd_delays")).isEmpty();
              assertThat(r.valueOf("sync_lag_seconds", "pair", "data")).isGreaterThan(6);
              assertThat(s.valueOf("sync_tree_files", "pair", "data"))
                  .isEqualTo(r.valueOf("sync_tree_files", "pair", "data") + 20);
              assertThat(r.valueOf("sync_tree_sample_digest", "pair", "data"))
                  .isNotEqualTo(s.valueOf("sync_tree_sample_digest", "pair", "data"));
            });

    lsyncd = startLsyncd();
    awaitInSync();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        scrape(source).valueOf("sync_lsyncd_rsync_exits_total", "exit_code", "0"))
                    .isPositive());
  }

  @Test
  void garbageCanaryAndGarbageStatusFileAreClearErrors() throws Exception {
    awaitInSync();
    lsyncd.stop(ManagedProcess.DEFAULT_GRACE);
    Files.writeString(dst.resolve(".sync-canary"), "not a canary at all\n");
    Files.writeString(status, "\u0000\u0001garbage where lsyncd's report was\n");
    ParsedMetrics r = scrape(replica);
    assertThat(r.valueOf("sync_up")).isZero();
    assertThat(r.samples("sync_lag_seconds")).isEmpty();
    assertThat(r.valueOf("sync_scrape_errors_total", "reason", "canary_invalid")).isEqualTo(1);
    assertThat(r.samples("sync_tree_files")).isEmpty();
    assertThat(replica.logs()).contains("is not valid");

    ParsedMetrics s = scrape(source);
    assertThat(s.valueOf("sync_up", "target", "lsyncd")).isZero();
    assertThat(s.valueOf("sync_up", "target", "data")).isEqualTo(1);
    assertThat(s.valueOf("sync_scrape_errors_total", "target", "lsyncd", "reason", "parse"))
        .isEqualTo(1);

    Files.delete(dst.resolve(".sync-canary"));
    ParsedMetrics missing = scrape(replica);
    assertThat(missing.valueOf("sync_up")).isZero();
    // The replica may also have missed the canary once at start, before the first copy.
    assertThat(missing.valueOf("sync_scrape_errors_total", "reason", "canary_missing"))
        .isGreaterThanOrEqualTo(1);
    assertThat(missing.samples("sync_lag_seconds")).isEmpty();
  }
}
