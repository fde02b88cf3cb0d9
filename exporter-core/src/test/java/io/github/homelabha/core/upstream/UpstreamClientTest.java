package io.github.homelabha.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.homelabha.core.api.Secret;
import io.github.homelabha.core.testkit.MutableClock;
import io.github.homelabha.core.testkit.PortAllocator;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpstreamClientTest {
  /**
   * Stands still unless the test moves it: a backoff's remaining time and its rounding in messages
   * do not depend on how fast the machine runs the test.
   */
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00.250Z"));

  private final UpstreamHttp http = UpstreamHttp.standalone("test", clock);
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
    http.close();
  }

  private HttpUpstreamConfig config() {
    HttpUpstreamConfig c = new HttpUpstreamConfig();
    c.url = "http://127.0.0.1:" + server.getPort() + "/api";
    c.timeout = Duration.ofSeconds(5);
    return c;
  }

  private UpstreamClient client(HttpUpstreamConfig c) throws Exception {
    return http.client("t", c);
  }

  private static TestContext scrape() {
    return TestContext.of(Duration.ofSeconds(5));
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Test
  void sendsCredentialsAndUserAgentBelowTheConfiguredPath() throws Exception {
    HttpUpstreamConfig c = config();
    c.basicAuth = new BasicAuthConfig();
    c.basicAuth.username = "prometheus";
    c.basicAuth.password = Secret.of("s3cret-pass");
    server.enqueue(json("{\"ok\":true}"));

    var answer = client(c).getJson(scrape(), "/control/status");

    assertThat(answer.get("ok").asBoolean()).isTrue();
    RecordedRequest r = server.takeRequest();
    assertThat(r.getUrl().encodedPath()).isEqualTo("/api/control/status");
    assertThat(r.getHeaders().get("Authorization"))
        .isEqualTo(okhttp3.Credentials.basic("prometheus", "s3cret-pass"));
    assertThat(r.getHeaders().get("User-Agent")).startsWith("test_exporter/");
  }

  @Test
  void authorizationAndApiKeyHeaders() throws Exception {
    HttpUpstreamConfig c = config();
    c.authorization = new AuthorizationConfig();
    c.authorization.credentials = Secret.of("tok-123456");
    server.enqueue(json("{}"));
    client(c).get(scrape(), "x");
    assertThat(server.takeRequest().getHeaders().get("Authorization"))
        .isEqualTo("Bearer tok-123456");

    HttpUpstreamConfig k = config();
    k.apiKey = Secret.of("key-abcdef");
    server.enqueue(json("{}"));
    http.client("k", k).get(scrape(), "x");
    RecordedRequest r = server.takeRequest();
    assertThat(r.getHeaders().get("X-API-Key")).isEqualTo("key-abcdef");
    assertThat(r.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void anonymousRequestsCarryNoCredentials() throws Exception {
    HttpUpstreamConfig c = config();
    c.apiKey = Secret.of("key-abcdef");
    server.enqueue(json("{}"));
    client(c).execute(scrape(), UpstreamRequest.get("probe").anonymous());
    assertThat(server.takeRequest().getHeaders().get("X-API-Key")).isNull();
  }

  @Test
  void connectionRefusedIsUnreachable() throws Exception {
    HttpUpstreamConfig c = config();
    c.url = "http://127.0.0.1:" + PortAllocator.freeLoopbackPort();
    assertThatThrownBy(() -> client(c).get(scrape(), "x"))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> assertThat(e.upstreamReason()).isEqualTo(UpstreamReason.UNREACHABLE));
  }

  @Test
  void theScrapesRemainingTimeBoundsTheRequest() throws Exception {
    HttpUpstreamConfig c = config();
    c.timeout = Duration.ofSeconds(60);
    server.enqueue(json("{}").newBuilder().headersDelay(30, TimeUnit.SECONDS).build());
    UpstreamClient client = client(c);
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(() -> client.get(TestContext.of(Duration.ofMillis(300)), "x"))
                .isInstanceOfSatisfying(
                    UpstreamException.class, e -> assertThat(e.reason()).isEqualTo("timeout")));
  }

  @Test
  void noTimeLeftMeansNoRequest() throws Exception {
    assertThatThrownBy(() -> client(config()).get(TestContext.of(Duration.ZERO), "x"))
        .hasFieldOrPropertyWithValue("reason", "timeout");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void garbageAndCutOffAnswersAreParseFailures() throws Exception {
    UpstreamClient client = client(config());
    server.enqueue(json("<html>not json</html>"));
    assertThatThrownBy(() -> client.getJson(scrape(), "x"))
        .hasFieldOrPropertyWithValue("reason", "parse");

    server.enqueue(json("{\"a\": [1, 2"));
    assertThatThrownBy(() -> client.getJson(scrape(), "x"))
        .hasFieldOrPropertyWithValue("reason", "parse");

    server.enqueue(
        new MockResponse.Builder()
            .body(new Buffer().writeUtf8("{\"a\": 1, \"b\": 2, \"c\": 3}"))
            .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    assertThatThrownBy(() -> client.getJson(scrape(), "x"))
        .isInstanceOfSatisfying(
            UpstreamException.class, e -> assertThat(e.reason()).isIn("parse", "unreachable"));
  }

  @Test
  void oversizedAnswersAreRefusedAnnouncedOrNot() throws Exception {
    UpstreamClient client = client(config());
    String big = "x".repeat(2000);
    server.enqueue(new MockResponse.Builder().body(big).build());
    assertThatThrownBy(
            () -> client.execute(scrape(), UpstreamRequest.get("x").withMaxBodyBytes(1000)))
        .hasFieldOrPropertyWithValue("reason", "too_large");

    server.enqueue(new MockResponse.Builder().chunkedBody(big, 100).build());
    assertThatThrownBy(
            () -> client.execute(scrape(), UpstreamRequest.get("x").withMaxBodyBytes(1000)))
        .hasFieldOrPropertyWithValue("reason", "too_large");

    server.enqueue(new MockResponse.Builder().chunkedBody(big, 100).build());
    assertThat(
            client.execute(scrape(), UpstreamRequest.get("x").withMaxBodyBytes(2000)).bodyLength())
        .isEqualTo(2000);
  }

  @Test
  void otherStatusesAreHttpStatusUnlessAccepted() throws Exception {
    UpstreamClient client = client(config());
    server.enqueue(new MockResponse.Builder().code(500).build());
    assertThatThrownBy(() -> client.get(scrape(), "x"))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("http_status");
              assertThat(e.status()).hasValue(500);
            });
    server.enqueue(new MockResponse.Builder().code(404).body("nope").build());
    assertThat(client.execute(scrape(), UpstreamRequest.get("x").acceptingStatus(404)).text())
        .isEqualTo("nope");
    assertThat(client.backoff()).isEmpty();
  }

  @Test
  void refusedCredentialsBackOffWithoutAskingAgain() throws Exception {
    HttpUpstreamConfig c = config();
    c.backoff.auth = Duration.ofMinutes(5);
    UpstreamClient client = client(c);
    server.enqueue(new MockResponse.Builder().code(401).build());

    assertThatThrownBy(() -> client.get(scrape(), "x"))
        .hasFieldOrPropertyWithValue("reason", "auth");
    assertThatThrownBy(() -> client.get(scrape(), "x"))
        .hasFieldOrPropertyWithValue("reason", "backoff")
        .hasMessageContaining("5m");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(client.backoff())
        .get()
        .extracting(Backoff.State::cause)
        .isEqualTo(UpstreamReason.AUTH);
    assertThat(http.landingTable().rows().get(0).get(2)).isEqualTo("backing off, 5m left (auth)");

    clock.advance(Duration.ofMinutes(5));
    server.enqueue(new MockResponse.Builder().code(403).build());
    assertThatThrownBy(() -> client.get(scrape(), "x")).hasMessageContaining("10m");
    clock.advance(Duration.ofMinutes(10));
    server.enqueue(json("{}"));
    client.get(scrape(), "x");
    assertThat(client.backoff()).isEmpty();
    assertThat(http.landingTable().rows().get(0).get(2)).isEqualTo("asking at every scrape");
  }

  @Test
  void tooManyRequestsHonoursRetryAfter() throws Exception {
    UpstreamClient client = client(config());
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "120").build());
    assertThatThrownBy(() -> client.get(scrape(), "x"))
        .hasFieldOrPropertyWithValue("reason", "rate_limited")
        .hasMessageContaining("2m");
    assertThat(client.backoff().orElseThrow().remaining(clock))
        .isBetween(Duration.ofSeconds(118), Duration.ofSeconds(120));
    clock.advance(Duration.ofSeconds(119));
    assertThatThrownBy(() -> client.get(scrape(), "x"))
        .hasFieldOrPropertyWithValue("reason", "backoff");
    clock.advance(Duration.ofSeconds(2));
    server.enqueue(new MockResponse.Builder().code(429).build());
    assertThatThrownBy(() -> client.get(scrape(), "x")).hasMessageContaining("1m"); // 30s doubled
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void followsRedirectsOnTheSameHostOnly() throws Exception {
    HttpUpstreamConfig c = config();
    c.apiKey = Secret.of("key-abcdef");
    UpstreamClient client = client(c);
    server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/api/y").build());
    server.enqueue(json("{}"));
    client.get(scrape(), "x");
    server.takeRequest();
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/y");

    try (MockWebServer other = new MockWebServer()) {
      other.start(InetAddress.getByName("127.0.0.2"), 0);
      other.enqueue(json("{}"));
      server.enqueue(
          new MockResponse.Builder()
              .code(307)
              .addHeader("Location", "http://127.0.0.2:" + other.getPort() + "/steal")
              .build());
      assertThatThrownBy(() -> client.get(scrape(), "x"))
          .hasFieldOrPropertyWithValue("reason", "http_status")
          .hasMessageContaining("not followed");
      assertThat(other.getRequestCount()).isZero();
    }

    server.enqueue(
        new MockResponse.Builder().code(302).addHeader("Location", "/elsewhere").build());
    UpstreamResponse probe = client.execute(scrape(), UpstreamRequest.get("x").withoutRedirects());
    assertThat(probe.status()).isEqualTo(302);
    assertThat(probe.header("location")).hasValue("/elsewhere");
  }

  @Test
  void pathsStayBelowTheUpstream() throws Exception {
    UpstreamClient client = client(config());
    String base = "http://127.0.0.1:" + server.getPort() + "/api/";
    assertThat(client.resolve("/control/status").toString()).isEqualTo(base + "control/status");
    assertThat(client.resolve("//example.org/x").toString()).isEqualTo(base + "example.org/x");
    assertThat(client.resolve("a?b=c").toString()).isEqualTo(base + "a?b=c");
    assertThatThrownBy(() -> client.resolve("http://example.org/x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void messagesNameTheRequestWithoutQueryOrSecrets() throws Exception {
    HttpUpstreamConfig c = config();
    c.basicAuth = new BasicAuthConfig();
    c.basicAuth.username = "u";
    c.basicAuth.password = Secret.of("hunter2-very-secret");
    server.enqueue(new MockResponse.Builder().code(401).build());
    assertThatThrownBy(() -> client(c).get(scrape(), "x?token=abc"))
        .hasMessageContaining("GET http://127.0.0.1:" + server.getPort() + "/api/x")
        .hasMessageNotContaining("token=abc")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void postsJsonWithoutCharsetParameter() throws Exception {
    server.enqueue(json("{}"));
    client(config()).execute(scrape(), UpstreamRequest.postJson("core/stats", "{}"));
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(r.getBody().utf8()).isEqualTo("{}");
  }

  @Test
  void retryAfterAsHttpDate() {
    var at = clock.instant().plusSeconds(90);
    String date =
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            at.atZone(java.time.ZoneOffset.UTC));
    assertThat(RetryAfter.parse(date, clock).orElseThrow())
        .isBetween(Duration.ofSeconds(88), Duration.ofSeconds(90));
    assertThat(RetryAfter.parse("soon", clock)).isEmpty();
  }
}
