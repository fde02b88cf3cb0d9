package io.github.homelabha.adguard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The AdGuard Home behaviour the exporter depends on: auth, lock-out, the query log's quirks. */
class SimulatorBehaviourTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<AdGuardSimulator> started = new ArrayList<>();

  private AdGuardSimulator start(SimulatorOptions o) throws Exception {
    AdGuardSimulator s = AdGuardSimulator.start(o);
    started.add(s);
    return s;
  }

  @AfterEach
  void stop() {
    started.forEach(AdGuardSimulator::close);
  }

  @Test
  void wrongBasicPasswordsAnswer401AndLockTheClientOutAfterFive() throws Exception {
    AdGuardSimulator sim = start(SimulatorOptions.forTests());
    SimulatorClient wrong = new SimulatorClient(sim, "admin", "nope");
    for (int i = 0; i < Authenticator.MAX_FAILURES; i++) {
      HttpResponse<String> r = wrong.get("/control/status");
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.body()).isEmpty();
    }
    HttpResponse<String> locked = new SimulatorClient(sim, "admin", "admin").get("/control/status");
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    assertThat(sim.failedLogins()).isEqualTo(5);
  }

  @Test
  void olderReleasesAnswer403AndDoNotCountBasicFailures() throws Exception {
    AdGuardSimulator sim = start(SimulatorOptions.forTests().withAuthFailureStatus(403));
    SimulatorClient wrong = new SimulatorClient(sim, "admin", "nope");
    for (int i = 0; i < 7; i++) {
      assertThat(wrong.get("/control/status").statusCode()).isEqualTo(403);
    }
    assertThat(new SimulatorClient(sim, "admin", "admin").get("/control/status").statusCode())
        .isEqualTo(200);
  }

  @Test
  void aSessionCookieWinsOverBasicAuth() throws Exception {
    AdGuardSimulator sim = start(SimulatorOptions.forTests());
    SimulatorClient c = new SimulatorClient(sim, "admin", "admin");
    HttpResponse<String> login =
        c.postAnonymous("/control/login", "{\"name\":\"admin\",\"password\":\"admin\"}");
    assertThat(login.statusCode()).isEqualTo(200);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    assertThat(c.getWithCookie("/control/status", cookie).statusCode()).isEqualTo(200);
    sim.dropSessions();
    // a stale cookie with valid Basic credentials is still refused, as in AdGuard Home
    assertThat(c.getWithCookie("/control/status", cookie).statusCode()).isEqualTo(401);
    assertThat(
            c.postAnonymous("/control/login", "{\"name\":\"admin\",\"password\":\"x\"}")
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void aPageIsCutInWriteOrderAndThenSortedByStartTime() throws Exception {
    AdGuardSimulator sim = start(SimulatorOptions.forTests());
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    QueryLog log = sim.queryLog();
    // started first, answered last: written after two later queries
    QueryEntry slow = entry(t0, "slow.example");
    QueryEntry a = entry(t0.plusMillis(10), "a.example");
    QueryEntry b = entry(t0.plusMillis(20), "b.example");
    QueryEntry c = entry(t0.plusMillis(30), "c.example");
    log.write(a);
    log.write(b);
    log.write(slow);
    log.write(c);
    List<QueryEntry> page = log.page(null, 2);
    assertThat(page).extracting(QueryEntry::domain).containsExactly("c.example", "slow.example");
    // the naive cursor (the page's oldest time) never sees a and b again
    assertThat(log.page(page.get(1).start(), 10)).isEmpty();
  }

  @Test
  void queryLogAnswersFollowRfc3339NanoWithAnOffset() throws Exception {
    AdGuardSimulator sim = start(SimulatorOptions.forTests().withTimeOffset("+01:00"));
    sim.writeQueries(3);
    SimulatorClient c = new SimulatorClient(sim, "admin", "admin");
    JsonNode page = JSON.readTree(c.get("/control/querylog?limit=2").body());
    assertThat(page.get("data")).hasSize(2);
    String oldest = page.get("oldest").asText();
    assertThat(oldest).endsWith("+01:00");
    JsonNode next =
        JSON.readTree(
            c.get(
                    "/control/querylog?limit=10&older_than="
                        + URLEncoder.encode(oldest, StandardCharsets.UTF_8))
                .body());
    assertThat(next.get("data")).hasSize(1);
    assertThat(c.get("/control/querylog?older_than=yesterday").statusCode()).isEqualTo(400);
  }

  @Test
  void aRestartRefusesConnectionsThenComesBackWithANewStartTime() throws Exception {
    AdGuardSimulator sim = start(SimulatorOptions.forTests());
    SimulatorClient c = new SimulatorClient(sim, "admin", "admin");
    sim.writeQueries(5);
    double before = JSON.readTree(c.get("/control/status").body()).get("start_time").asDouble();
    // down long enough for the next request to arrive while it is, on a busy machine too
    sim.restart(Duration.ofSeconds(3));
    assertThatThrownBy(() -> c.get("/control/status")).isInstanceOf(ConnectException.class);
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> c.get("/control/status").statusCode() == 200);
    JsonNode after = JSON.readTree(c.get("/control/status").body());
    assertThat(after.get("start_time").asDouble()).isGreaterThan(before);
    assertThat(JSON.readTree(c.get("/control/querylog").body()).get("data")).hasSize(5);
  }

  @Test
  void faultsBreakTheApiUntilSwitchedOff() throws Exception {
    AdGuardSimulator sim = start(SimulatorOptions.forTests());
    SimulatorClient c = new SimulatorClient(sim, "admin", "admin");
    c.post("/simulator/fault?mode=garbage", "");
    assertThat(c.get("/control/status").body()).startsWith("<html>");
    c.post("/simulator/fault?mode=truncated", "");
    assertThatThrownBy(() -> JSON.readTree(c.get("/control/status").body()))
        .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    c.post("/simulator/fault?mode=none", "");
    assertThat(JSON.readTree(c.get("/control/status").body()).get("running").asBoolean()).isTrue();
  }

  @Test
  void aFailingUpstreamAnswersTheConfiguredShareServfail() throws Exception {
    AdGuardSimulator sim = start(SimulatorOptions.forTests().withSeed(3));
    SimulatorClient c = new SimulatorClient(sim, "admin", "admin");
    sim.writeQueries(400);
    assertThat(servfailShareOfForwarded(c)).isLessThan(0.05);
    assertThat(c.post("/simulator/upstream/servfail?ratio=0.5", "").statusCode()).isEqualTo(200);
    c.post("/simulator/querylog/clear", "");
    sim.writeQueries(400);
    assertThat(servfailShareOfForwarded(c)).isBetween(0.35, 0.65);
    assertThat(c.post("/simulator/upstream/servfail?ratio=2", "").statusCode()).isEqualTo(400);
    assertThat(c.post("/simulator/upstream/servfail?ratio=x", "").statusCode()).isEqualTo(400);
  }

  private static double servfailShareOfForwarded(SimulatorClient c) throws Exception {
    JsonNode page = JSON.readTree(c.get("/control/querylog?limit=1000").body()).path("data");
    int forwarded = 0;
    int servfail = 0;
    for (JsonNode entry : page) {
      if (!entry.path("upstream").asText().isEmpty()) {
        forwarded++;
        servfail += entry.path("status").asText().equals("SERVFAIL") ? 1 : 0;
      }
    }
    assertThat(forwarded).isGreaterThan(50);
    return (double) servfail / forwarded;
  }

  @Test
  void protectionDisabledForAWhileCountsDown() throws Exception {
    AdGuardSimulator sim = start(SimulatorOptions.forTests());
    SimulatorClient c = new SimulatorClient(sim, "admin", "admin");
    assertThat(c.post("/control/protection", "{\"enabled\":false,\"duration\":60000}").statusCode())
        .isEqualTo(200);
    JsonNode status = JSON.readTree(c.get("/control/status").body());
    assertThat(status.get("protection_enabled").asBoolean()).isFalse();
    assertThat(status.get("protection_disabled_duration").asLong()).isBetween(1L, 60_000L);
  }

  @Test
  void liveTrafficFillsTheLogAtTheConfiguredRate() throws Exception {
    AdGuardSimulator sim = start(SimulatorOptions.forTests().withQueryRate(200));
    await().atMost(Duration.ofSeconds(10)).until(() -> sim.queriesLogged() >= 200);
  }

  @Test
  void helpDescribesTheKnobs() {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      AdGuardSimulator.main(new String[] {"--help"});
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      System.setOut(old);
    }
    assertThat(buf.toString(StandardCharsets.UTF_8))
        .contains("--listen-address", "--query-rate", "--drift-period", "--password-file");
  }

  private static QueryEntry entry(Instant start, String domain) {
    return new QueryEntry(
        start,
        1_000_000,
        "192.168.1.20",
        domain,
        "A",
        "NotFilteredNotFound",
        "NOERROR",
        "tls://1.1.1.1:853",
        false,
        "",
        0,
        "1.2.3.4");
  }
}
