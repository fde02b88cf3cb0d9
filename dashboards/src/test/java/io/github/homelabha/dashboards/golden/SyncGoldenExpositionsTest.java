package io.github.homelabha.dashboards.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.PortAllocator;
import io.github.homelabha.core.testkit.RunningExporter;
import io.github.homelabha.core.testkit.system.ManagedProcess;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import io.github.homelabha.dashboards.support.Bundle;
import io.github.homelabha.sync.SyncExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records what the real sync exporter serves in the situations the sync alerts are about, and fails
 * when that output changes (see {@link GoldenExpositions}). lsyncd's and rclone's own files are the
 * sync module's recorded samples; replication between source and replica is a copy of the canary
 * file, as rsync does it.
 */
class SyncGoldenExpositionsTest {

  private static final Path SAMPLES =
      Bundle.module().resolve("../exporter-sync/src/test/resources");
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Test
  void sourceWithLsyncdAndAFailedRcloneJob(@TempDir Path work) throws Exception {
    Path source = Files.createDirectories(work.resolve("source"));
    Path status = Files.copy(SAMPLES.resolve("lsyncd/one-sync-idle.status"), work.resolve("s"));
    Path log = Files.copy(SAMPLES.resolve("lsyncd/lsyncd.log"), work.resolve("lsyncd.log"));
    try (RunningExporter exporter =
        start(
            "--sync.pair=grafana:source:" + source,
            "--lsyncd.status-file=" + status,
            "--lsyncd.log-file=" + log,
            machineIndependent(work),
            "--rclone.job=loki:" + SAMPLES.resolve("rclone/sync-failed.jsonl").toRealPath(),
            "--rclone.state-file=" + work.resolve("rclone-state.json"))) {
      ParsedMetrics metrics =
          await()
              .atMost(TIMEOUT)
              .until(
                  exporter::scrape, m -> m.has("sync_tree_files") && m.has("sync_canary_sequence"));
      GoldenExpositions.assertMatches(
          "sync", "source-lsyncd-rclone-job-failed", metrics, paths(work));
    }
  }

  @Test
  void replicaInSyncAndReplicaWithoutCanary(@TempDir Path work) throws Exception {
    Path source = Files.createDirectories(work.resolve("source"));
    Path replica = Files.createDirectories(work.resolve("replica"));
    Files.writeString(source.resolve("dashboard.json"), "{}\n");
    // the data is there before either exporter starts: every tree scan sees the same tree
    Files.copy(
        source.resolve("dashboard.json"),
        replica.resolve("dashboard.json"),
        StandardCopyOption.COPY_ATTRIBUTES);
    try (RunningExporter writer =
            start(
                "--sync.pair=grafana:source:" + source,
                "--canary.interval=1s",
                machineIndependent(work));
        RunningExporter reader = start("--sync.pair=grafana:replica:" + replica)) {
      // no canary has arrived yet: the pair's target fails, with its reason counted
      ParsedMetrics missing =
          await()
              .atMost(TIMEOUT)
              .until(
                  reader::scrape,
                  m -> m.valueOf("sync_up") == 0 && m.has("sync_scrape_errors_total"));
      assertThat(missing.has("sync_lag_seconds")).isFalse();
      GoldenExpositions.assertMatches("sync", "replica-canary-missing", missing, paths(work));

      await().atMost(TIMEOUT).until(() -> Files.exists(source.resolve(".sync-canary")));
      Files.copy(
          source.resolve(".sync-canary"),
          replica.resolve(".sync-canary"),
          StandardCopyOption.REPLACE_EXISTING);
      ParsedMetrics inSync =
          await()
              .atMost(TIMEOUT)
              .until(reader::scrape, m -> m.has("sync_lag_seconds") && m.has("sync_tree_files"));
      GoldenExpositions.assertMatches("sync", "replica-in-sync", inSync, paths(work));
      GoldenExpositions.assertMatches(
          "sync",
          "source-in-sync",
          await().atMost(TIMEOUT).until(writer::scrape, m -> m.has("sync_tree_files")),
          paths(work));

      // a garbled canary (half-written by something other than the exporter)
      Files.writeString(
          replica.resolve(".sync-canary"), "homelab-ha-sync-canary 1\nwritten_at_ms=");
      ParsedMetrics garbled =
          await()
              .atMost(TIMEOUT)
              .until(
                  reader::scrape,
                  m -> m.has("sync_scrape_errors_total", "reason", "canary_invalid"));
      GoldenExpositions.assertMatches("sync", "replica-canary-invalid", garbled, paths(work));
    }
  }

  /** lsyncd's status file is garbled (not lsyncd's, or cut off): that target fails. */
  @Test
  void lsyncdStatusFileGarbled(@TempDir Path work) throws Exception {
    Path replica = Files.createDirectories(work.resolve("replica"));
    Path status = Files.writeString(work.resolve("lsyncd.status"), "not an lsyncd status file\n");
    try (RunningExporter exporter =
        start(
            "--sync.pair=grafana:replica:" + replica,
            "--lsyncd.status-file=" + status,
            machineIndependent(work))) {
      ParsedMetrics metrics =
          await()
              .atMost(TIMEOUT)
              .until(
                  exporter::scrape,
                  m ->
                      m.has("sync_scrape_errors_total", "target", "lsyncd")
                          && m.has("sync_scrape_errors_total", "target", "grafana"));
      GoldenExpositions.assertMatches("sync", "lsyncd-status-file-garbled", metrics, paths(work));
    }
  }

  /** rclone's remote-control API, served by a real {@code rclone rcd}. */
  @Test
  @RequiresBinaries("rclone")
  void rcloneRemoteControl(@TempDir Path work) throws Exception {
    int port = PortAllocator.freeLoopbackPort();
    try (ManagedProcess rclone =
            ManagedProcess.start(
                List.of(
                    "rclone",
                    "rcd",
                    "--rc-no-auth",
                    "--rc-addr=127.0.0.1:" + port,
                    "--config=" + Files.writeString(work.resolve("rclone.conf"), "")),
                work.resolve("rclone.log"));
        RunningExporter exporter = start("--rclone.url=http://127.0.0.1:" + port)) {
      ParsedMetrics metrics =
          await()
              .atMost(TIMEOUT)
              .until(
                  exporter::scrape,
                  m -> m.valueOf("sync_up") == 1 && m.has("sync_rclone_fatal_error"));
      assertThat(rclone.isAlive()).isTrue();
      GoldenExpositions.assertMatches("sync", "rclone-rc", metrics, paths(work));
    }
  }

  /**
   * What the machine would otherwise decide. The recordings were made with no lsyncd running.
   * Whether one runs changes what the exporter serves (the status file's queues only while it
   * runs), and other tests start real lsyncd processes; a process name nothing uses keeps the
   * recording independent of them. The canary's writer is named, not taken from the host name
   * (which may not resolve, or be longer than a writer name may be).
   */
  private static String machineIndependent(Path work) throws IOException {
    Path config = work.resolve("machine-independent.yml");
    Files.writeString(config, "lsyncd:\n  process_name: no-lsyncd-here\ncanary:\n  writer: HOST\n");
    return "--config.file=" + config;
  }

  private static RunningExporter start(String... args) throws Exception {
    String[] all = new String[args.length + 1];
    all[0] = "--web.disable-exporter-metrics";
    System.arraycopy(args, 0, all, 1, args.length);
    return RunningExporter.start(new SyncExporter(), all);
  }

  private static Map<String, String> paths(Path work) throws IOException {
    return Map.of(work.toRealPath().toString(), "/WORK");
  }
}
