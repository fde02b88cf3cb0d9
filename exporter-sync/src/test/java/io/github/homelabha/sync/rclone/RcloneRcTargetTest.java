package io.github.homelabha.sync.rclone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.api.ScrapeException;
import io.github.homelabha.core.api.Secret;
import io.github.homelabha.core.testkit.FixedScrapeContext;
import io.github.homelabha.core.testkit.RecordingWriter;
import io.github.homelabha.core.upstream.BasicAuthConfig;
import io.github.homelabha.core.upstream.UpstreamHttp;
import java.time.Clock;
import java.time.Duration;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RcloneRcTargetTest {
  MockWebServer server;
  String statsBody;
  int statusCalls;

  @BeforeEach
  void start() throws Exception {
    statsBody = RcloneFixtures.read("core-stats.json");
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            return switch (path) {
              case "/core/stats" -> json(statsBody);
              case "/core/group-list" ->
                  json("{\"groups\":[\"job/3\",\"job/4\",\"global_stats\"]}");
              case "/job/status" -> {
                statusCalls++;
                String body = request.getBody().utf8();
                yield body.contains("\"jobid\":3")
                    ? json(uncheckedRead("job-status.json"))
                    : json(
                        "{\"duration\":0,\"endTime\":\"0001-01-01T00:00:00Z\",\"error\":\"\",\"finished\":false,\"id\":4,\"startTime\":\"2026-11-23T18:56:00Z\",\"success\":false,\"output\":{}}");
              }
              default -> new MockResponse.Builder().code(404).build();
            };
          }
        });
    server.start();
  }

  private static String uncheckedRead(String name) {
    try {
      return RcloneFixtures.read(name);
    } catch (java.io.IOException e) {
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

  @AfterEach
  void stop() {
    server.close();
    http.close();
  }

  private final UpstreamHttp http = UpstreamHttp.standalone("sync", Clock.systemUTC());

  private RcloneRcTarget target() throws Exception {
    return target(server.url("/").toString(), null);
  }

  private RcloneRcTarget target(String url, BasicAuthConfig auth) throws Exception {
    RcloneConfig config = new RcloneConfig();
    config.url = url;
    config.basicAuth = auth;
    // Generous: on a busy machine a short timeout would turn a refused login into a timeout.
    config.timeout = Duration.ofSeconds(30);
    return new RcloneRcTarget(new RcClient(http.client("rclone", config)), url);
  }

  @Test
  void mapsStatsAndTransferJobs() throws Exception {
    RcloneRcTarget target = target();
    RecordingWriter out = new RecordingWriter();
    target.scrape(new FixedScrapeContext(), out);
    assertThat(out.valueOf(RcloneRcCollector.REACHABLE)).isEqualTo(1);
    assertThat(out.valueOf(RcloneRcCollector.BYTES)).isEqualTo(1048576);
    assertThat(out.valueOf(RcloneRcCollector.ERRORS)).isEqualTo(2);
    assertThat(out.valueOf(RcloneRcCollector.TRANSFERRING)).isEqualTo(1);
    assertThat(out.valueOf(RcloneRcCollector.LAST_ERROR, "mkdir /srv/standby/x: not a directory"))
        .isEqualTo(1);
    assertThat(out.valueOf(RcloneRcCollector.JOBS_RUNNING)).isEqualTo(1);
    assertThat(out.valueOf(RcloneRcCollector.LAST_JOB_SUCCESS)).isEqualTo(1);
    assertThat(out.valueOf(RcloneRcCollector.LAST_JOB_SUCCESS_TIME)).isEqualTo(1795460101.123);
    // the finished job is remembered, only the running one is asked about again
    target.scrape(new FixedScrapeContext(), new RecordingWriter());
    assertThat(statusCalls).isEqualTo(3);
  }

  @Test
  void deadApiIsNotAFailedScrape() throws Exception {
    String url = server.url("/").toString();
    server.close();
    RecordingWriter out = new RecordingWriter();
    target(url, null).scrape(new FixedScrapeContext(), out);
    assertThat(out.valueOf(RcloneRcCollector.REACHABLE)).isZero();
    assertThat(out.value(RcloneRcCollector.ERRORS)).isEmpty();
  }

  @Test
  void garbageAnswerFailsWithParseReason() {
    statsBody = "<html>not rclone</html>";
    assertThatThrownBy(() -> target().scrape(new FixedScrapeContext(), new RecordingWriter()))
        .isInstanceOfSatisfying(
            ScrapeException.class, e -> assertThat(e.reason()).isEqualTo("parse"));
    statsBody = "{\"bytes\":1}";
    assertThatThrownBy(() -> target().scrape(new FixedScrapeContext(), new RecordingWriter()))
        .isInstanceOfSatisfying(
            ScrapeException.class, e -> assertThat(e.reason()).isEqualTo("parse"))
        .hasMessageContaining("checks");
  }

  @Test
  void sendsBasicAuthWithoutLeakingThePassword() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().code(401).body("unauthorized").build();
          }
        });
    BasicAuthConfig auth = new BasicAuthConfig();
    auth.username = "admin";
    auth.password = Secret.of("hunter2-secret");
    RcloneRcTarget target = target(server.url("/").toString(), auth);
    assertThatThrownBy(() -> target.scrape(new FixedScrapeContext(), new RecordingWriter()))
        .isInstanceOfSatisfying(
            ScrapeException.class, e -> assertThat(e.reason()).isEqualTo("auth"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeaders().get("Authorization")).startsWith("Basic ");
    // rclone reads the body as JSON only for exactly this content type (no charset parameter)
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
  }
}
