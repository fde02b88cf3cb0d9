package io.github.homelabha.sync.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.PortAllocator;
import io.github.homelabha.core.testkit.RunningExporter;
import io.github.homelabha.core.testkit.system.ManagedProcess;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import io.github.homelabha.sync.SyncExporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real rclone local-to-local: one-shot runs logged with --use-json-log (success, then an unwritable
 * target), the result kept across an exporter restart, and an rclone rcd whose sync job fails and
 * then goes away.
 */
@RequiresBinaries("rclone")
class RcloneSystemTest {
  @TempDir Path work;
  Path src;

  @BeforeEach
  void setUp() throws Exception {
    src = Files.createDirectories(work.resolve("src"));
    for (int i = 0; i < 30; i++) {
      Files.writeString(src.resolve("file-" + i), "content " + i);
    }
    // rclone warns when it has no config file; an empty one keeps the logs to the point.
    Files.writeString(work.resolve("rclone.conf"), "");
  }

  private int rclone(Path log, String... args) throws Exception {
    String[] command = new String[args.length + 7];
    command[0] = "rclone";
    System.arraycopy(args, 0, command, 1, args.length);
    int i = args.length + 1;
    command[i++] = "--config=" + work.resolve("rclone.conf");
    command[i++] = "--use-json-log";
    command[i++] = "--log-file=" + log;
    command[i++] = "-v";
    command[i++] = "--retries=1";
    command[i++] = "--low-level-retries=1";
    try (ManagedProcess p = ManagedProcess.start(List.of(command), work.resolve("rclone.out"))) {
      return p.awaitExit(Duration.ofSeconds(60))
          .orElseThrow(() -> new AssertionError(p + " did not finish within 60 s"));
    }
  }

  @Test
  void oneShotRunsFromTheJsonLog() throws Exception {
    Path log = work.resolve("rclone-data.log");
    Path state = work.resolve("state/rclone-jobs.json");
    String[] args = {
      "--rclone.job=data:" + log, "--rclone.state-file=" + state,
    };
    assertThat(rclone(log, "sync", src.toString(), work.resolve("dst").toString())).isZero();
    double success;
    try (RunningExporter exporter = RunningExporter.start(new SyncExporter(), args)) {
      ParsedMetrics s = exporter.scrape();
      assertThat(s.valueOf("sync_up")).isEqualTo(1);
      assertThat(s.valueOf("sync_rclone_job_runs_total", "rclone_job", "data", "result", "success"))
          .isEqualTo(1);
      assertThat(s.valueOf("sync_rclone_job_last_run_transfers", "rclone_job", "data"))
          .isEqualTo(30);
      success = s.valueOf("sync_rclone_job_last_success_timestamp_seconds", "rclone_job", "data");
      assertThat(success)
          .isCloseTo(
              System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(60.0));
      // rclone is not running now: that is normal, not a failure
      assertThat(s.valueOf("sync_rclone_job_running", "rclone_job", "data")).isZero();

      // A regular file where the target's parent directory should be: rclone cannot write.
      Files.writeString(work.resolve("blocker"), "x");
      assertThat(rclone(log, "sync", src.toString(), work.resolve("blocker/dst").toString()))
          .isNotZero();
      ParsedMetrics failed = exporter.scrape();
      assertThat(failed.valueOf("sync_up")).isEqualTo(1);
      assertThat(
              failed.valueOf(
                  "sync_rclone_job_runs_total", "rclone_job", "data", "result", "failure"))
          .isEqualTo(1);
      assertThat(failed.valueOf("sync_rclone_job_last_run_success", "rclone_job", "data")).isZero();
      assertThat(failed.valueOf("sync_rclone_job_errors_total", "rclone_job", "data")).isPositive();
      assertThat(failed.samples("sync_rclone_job_last_error_info", "rclone_job", "data"))
          .singleElement()
          .satisfies(e -> assertThat(e.labels().get("message")).contains("not a directory"));
      assertThat(
              failed.valueOf(
                  "sync_rclone_job_last_success_timestamp_seconds", "rclone_job", "data"))
          .isEqualTo(success);
    }
    try (RunningExporter restarted = RunningExporter.start(new SyncExporter(), args)) {
      ParsedMetrics s = restarted.scrape();
      assertThat(s.valueOf("sync_rclone_job_last_success_timestamp_seconds", "rclone_job", "data"))
          .isEqualTo(success);
      assertThat(s.valueOf("sync_rclone_job_runs_total", "rclone_job", "data", "result", "failure"))
          .isEqualTo(1);
    }
  }

  @Test
  void rcApiCountsErrorsWithTheirMessage() throws Exception {
    int port = PortAllocator.freeLoopbackPort();
    String url = "http://127.0.0.1:" + port;
    Files.writeString(work.resolve("blocker"), "x");
    try (ManagedProcess rcd =
            ManagedProcess.start(
                List.of(
                    "rclone",
                    "rcd",
                    "--config=" + work.resolve("rclone.conf"),
                    "--rc-addr=127.0.0.1:" + port,
                    "--rc-no-auth"),
                work.resolve("rcd.out"));
        RunningExporter exporter =
            RunningExporter.start(new SyncExporter(), "--rclone.url=" + url)) {
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> assertThat(exporter.scrape().valueOf("sync_rclone_rc_reachable")).isEqualTo(1));
      post(
          url + "/sync/sync",
          "{\"srcFs\":\""
              + src
              + "\",\"dstFs\":\""
              + work.resolve("blocker/dst")
              + "\",\"_async\":true}");
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                ParsedMetrics s = exporter.scrape();
                assertThat(s.valueOf("sync_up")).isEqualTo(1);
                assertThat(s.valueOf("sync_rclone_errors_total")).isPositive();
                assertThat(s.samples("sync_rclone_last_error_info"))
                    .singleElement()
                    .satisfies(
                        e -> assertThat(e.labels().get("message")).contains("not a directory"));
                assertThat(s.valueOf("sync_rclone_rc_last_job_success")).isZero();
              });
      rcd.stop(ManagedProcess.DEFAULT_GRACE);
      ParsedMetrics gone = exporter.scrape();
      assertThat(gone.valueOf("sync_up")).isEqualTo(1);
      assertThat(gone.valueOf("sync_rclone_rc_reachable")).isZero();
    }
  }

  private static void post(String url, String json) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }
}
