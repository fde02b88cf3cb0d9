package io.github.homelabha.sync;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.Target;
import io.github.homelabha.core.testkit.FixedScrapeContext;
import io.github.homelabha.core.testkit.GoldenExposition;
import io.github.homelabha.core.testkit.MutableClock;
import io.github.homelabha.core.testkit.RecordingWriter;
import io.github.homelabha.core.upstream.UpstreamHttp;
import io.github.homelabha.sync.lsyncd.LsyncdCollector;
import io.github.homelabha.sync.lsyncd.LsyncdConfig;
import io.github.homelabha.sync.lsyncd.LsyncdTarget;
import io.github.homelabha.sync.proc.FakeProc;
import io.github.homelabha.sync.rclone.RcClient;
import io.github.homelabha.sync.rclone.RcloneConfig;
import io.github.homelabha.sync.rclone.RcloneJobCollector;
import io.github.homelabha.sync.rclone.RcloneJobConfig;
import io.github.homelabha.sync.rclone.RcloneJobsTarget;
import io.github.homelabha.sync.rclone.RcloneRcCollector;
import io.github.homelabha.sync.rclone.RcloneRcTarget;
import io.github.homelabha.sync.rclone.RcloneStateStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every series the sync exporter writes for its recorded lsyncd and rclone samples, compared line
 * by line with {@code src/test/resources/golden/} (see {@link GoldenExposition}).
 */
class GoldenExpositionTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  @TempDir Path dir;

  @Test
  void lsyncdBusyWithTwoSyncsAndItsLog() throws Exception {
    Files.writeString(dir.resolve("lsyncd.status"), fixture("lsyncd/two-syncs-busy.status"));
    Files.writeString(dir.resolve("lsyncd.log"), fixture("lsyncd/lsyncd.log"));
    // the status file's age is exported: a fixed one keeps the golden file stable
    Files.setLastModifiedTime(
        dir.resolve("lsyncd.status"), FileTime.from(Instant.parse("2026-11-23T18:45:10Z")));
    LsyncdConfig config = new LsyncdConfig();
    config.statusFile = dir.resolve("lsyncd.status").toString();
    config.logFile = dir.resolve("lsyncd.log").toString();
    LsyncdTarget target =
        new LsyncdTarget(
            config, Map.of("/srv/data/grafana/", "grafana"), FakeProc.withProcesses(dir, "lsyncd"));

    assertGolden("lsyncd-two-syncs-busy.txt", target, LsyncdCollector.FAMILIES);
  }

  @Test
  void rcloneRemoteControlWithAFinishedAndARunningJob() throws Exception {
    try (MockWebServer rc = new MockWebServer();
        UpstreamHttp http = UpstreamHttp.standalone("sync", Clock.systemUTC())) {
      rc.setDispatcher(new RecordedRcApi());
      rc.start();
      RcloneConfig config = new RcloneConfig();
      config.url = rc.url("/").toString();
      config.timeout = Duration.ofSeconds(30);
      RcloneRcTarget target =
          new RcloneRcTarget(new RcClient(http.client("rclone", config)), config.url);

      assertGolden("rclone-rc.txt", target, RcloneRcCollector.FAMILIES);
    }
  }

  @Test
  void rcloneJobLogsOfASuccessfulAndAFailedRun() throws Exception {
    Path log = dir.resolve("rclone.log");
    Files.writeString(log, fixture("rclone/sync-ok.jsonl") + fixture("rclone/sync-failed.jsonl"));
    RcloneJobConfig job = new RcloneJobConfig();
    job.name = "grafana";
    job.logFile = log.toString();
    RcloneJobsTarget target =
        new RcloneJobsTarget(
            List.of(job),
            new RcloneStateStore(dir.resolve("state/rclone.json")),
            FakeProc.withProcesses(dir),
            Duration.ofSeconds(90),
            ZoneOffset.UTC,
            new MutableClock(Instant.parse("2026-11-23T19:00:00Z")));

    assertGolden("rclone-jobs.txt", target, RcloneJobCollector.FAMILIES);
  }

  private static void assertGolden(String file, Target target, List<MetricFamily> families)
      throws Exception {
    RecordingWriter out = new RecordingWriter(families);
    target.scrape(new FixedScrapeContext(), out);
    GoldenExposition.assertMatches(GOLDEN.resolve(file), GoldenExposition.render(out, families));
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = GoldenExpositionTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** rclone's rc API answering with the recorded stats and job status. */
  private static final class RecordedRcApi extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      try {
        return switch (request.getUrl().encodedPath()) {
          case "/core/stats" -> json(fixture("rclone/core-stats.json"));
          case "/core/group-list" -> json("{\"groups\":[\"job/3\",\"job/4\",\"global_stats\"]}");
          case "/job/status" ->
              request.getBody().utf8().contains("\"jobid\":3")
                  ? json(fixture("rclone/job-status.json"))
                  : json(
                      "{\"duration\":0,\"endTime\":\"0001-01-01T00:00:00Z\",\"error\":\"\","
                          + "\"finished\":false,\"id\":4,\"startTime\":\"2026-11-23T18:56:00Z\","
                          + "\"success\":false,\"output\":{}}");
          default -> new MockResponse.Builder().code(404).build();
        };
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    private static MockResponse json(String body) {
      return new MockResponse.Builder()
          .code(200)
          .addHeader("Content-Type", "application/json")
          .body(body)
          .build();
    }
  }
}
