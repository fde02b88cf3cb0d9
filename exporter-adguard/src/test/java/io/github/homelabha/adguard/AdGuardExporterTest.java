package io.github.homelabha.adguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.homelabha.adguard.simulator.AdGuardSimulator;
import io.github.homelabha.adguard.simulator.SimulatorOptions;
import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.PortAllocator;
import io.github.homelabha.core.testkit.RunningExporter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter against simulated AdGuard Home instances over real HTTP. */
class AdGuardExporterTest {
  @TempDir Path dir;
  Instances instances;
  RunningExporter exporter;

  @BeforeEach
  void setUp() {
    instances = new Instances(dir);
  }

  @AfterEach
  void tearDown() {
    if (exporter != null) {
      exporter.close();
    }
    instances.close();
  }

  private static double sum(ParsedMetrics m, String name, String target) {
    return m.samples(name, "target", target).stream()
        .mapToDouble(ParsedMetrics.Sample::value)
        .sum();
  }

  /** The sum over every series of {@code name} (a single target has no target label). */
  private static double sum(ParsedMetrics m, String name) {
    return m.samples(name).stream().mapToDouble(ParsedMetrics.Sample::value).sum();
  }

  @Test
  void twoInstancesAndOneDownAreReportedApart() throws Exception {
    AdGuardSimulator a = instances.start(SimulatorOptions.forTests().withName("a"));
    AdGuardSimulator b = instances.start(SimulatorOptions.forTests().withName("b"));
    int dead = PortAllocator.freeLoopbackPort();
    instances
        .add("pi-a", a.baseUrl(), "admin", "admin", "")
        .add("pi-b", b.baseUrl(), "admin", "admin", "")
        .add("pi-c", "http://127.0.0.1:" + dead, "admin", "admin", "group: other");
    exporter = RunningExporter.start(new AdGuardExporter(), instances.configFlag());
    ParsedMetrics m = exporter.scrape();
    assertThat(m.valueOf("adguard_up", "target", "pi-a")).isEqualTo(1);
    assertThat(m.valueOf("adguard_up", "target", "pi-b")).isEqualTo(1);
    assertThat(m.valueOf("adguard_up", "target", "pi-c")).isZero();
    assertThat(m.valueOf("adguard_scrape_errors_total", "target", "pi-c", "reason", "unreachable"))
        .isEqualTo(1);
    assertThat(m.has("adguard_protection_enabled", "target", "pi-c")).isFalse();
    assertThat(m.valueOf("adguard_protection_enabled", "target", "pi-a")).isEqualTo(1);
    assertThat(m.valueOf("adguard_stats_window_queries", "target", "pi-a", "window", "24h"))
        .isZero();
    // each target compares with the others' latest readings: in sync once both were read
    m = exporter.scrape();
    assertThat(m.valueOf("adguard_config_in_sync", "target", "pi-a", "section", "user_rules"))
        .isEqualTo(1);
    assertThat(m.has("adguard_config_in_sync", "target", "pi-c")).isFalse();
    assertThat(m.has("adguard_query_duration_seconds_bucket", "target", "pi-b", "le", "+Inf"))
        .isTrue();
    ParsedMetrics probe = exporter.scrape("/probe?target=pi-b");
    assertThat(probe.valueOf("adguard_up")).isEqualTo(1);
  }

  @Test
  void queriesTotalIsEveryQueryLoggedSinceTheExporterStarted() throws Exception {
    AdGuardSimulator a =
        instances.start(
            SimulatorOptions.forTests().withSlowQueryRatio(0.1).withQuerylogCapacity(2000));
    instances.add("pi-a", a.baseUrl(), "admin", "admin", "");
    a.writeQueries(300); // history: not counted
    exporter = RunningExporter.start(new AdGuardExporter(), instances.configFlag());
    exporter.scrape();
    long baseline = a.queriesLogged();
    for (int round = 0; round < 12; round++) {
      a.startQueries(150); // some answer late, with their start time
      a.writeQueries(40);
      exporter.scrape();
      if (round == 4 || round == 7) {
        // what is cleared or rotated away before the exporter read it cannot be counted: drain
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> counters(a).get("queries_in_flight").asInt() == 0);
        exporter.scrape();
        if (round == 4) {
          a.rotateQueryLog();
        } else {
          a.clearQueryLog();
        }
      }
      if (round == 9) {
        a.restart(Duration.ofMillis(300)); // queries in flight are lost, as in AdGuard Home
        await().atMost(Duration.ofSeconds(10)).until(a::serving);
      }
    }
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> counters(a).get("queries_in_flight").asInt() == 0);
    ParsedMetrics m = exporter.scrape();
    assertThat(m.valueOf("adguard_up")).isEqualTo(1);
    assertThat(sum(m, "adguard_queries_total")).isEqualTo(a.queriesLogged() - baseline);
    assertThat(m.valueOf("adguard_query_duration_seconds_count"))
        .isEqualTo(a.queriesLogged() - baseline);
    assertThat(m.valueOf("adguard_querylog_incomplete_polls_total")).isZero();
  }

  private static com.fasterxml.jackson.databind.JsonNode counters(AdGuardSimulator s)
      throws Exception {
    java.net.http.HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(s.baseUrl() + "/simulator/counters"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
  }

  @Test
  void protectionToggledOnOneNodeShowsAtTheNextScrape() throws Exception {
    AdGuardSimulator a = instances.start(SimulatorOptions.forTests());
    AdGuardSimulator b = instances.start(SimulatorOptions.forTests());
    instances
        .add("pi-a", a.baseUrl(), "admin", "admin", "")
        .add("pi-b", b.baseUrl(), "admin", "admin", "");
    exporter = RunningExporter.start(new AdGuardExporter(), instances.configFlag());
    a.setProtection(false, 600_000);
    ParsedMetrics m = exporter.scrape();
    assertThat(m.valueOf("adguard_protection_enabled", "target", "pi-a")).isZero();
    assertThat(m.valueOf("adguard_protection_disabled_remaining_seconds", "target", "pi-a"))
        .isBetween(500.0, 600.0);
    assertThat(m.valueOf("adguard_protection_enabled", "target", "pi-b")).isEqualTo(1);
    a.setProtection(true, 0);
    assertThat(exporter.scrape().valueOf("adguard_protection_enabled", "target", "pi-a"))
        .isEqualTo(1);
  }

  @Test
  void driftIsFoundNamedOnTheLandingPageAndCleared() throws Exception {
    AdGuardSimulator drifting =
        instances.start(SimulatorOptions.forTests().withCredentials("admin", "s3cret-a"));
    AdGuardSimulator b = instances.start(SimulatorOptions.forTests());
    instances
        .add("pi-a", drifting.baseUrl(), "admin", "s3cret-a", "")
        .add("pi-b", b.baseUrl(), "admin", "admin", "")
        .top("config_interval: 1s");
    exporter = RunningExporter.start(new AdGuardExporter(), instances.configFlag());
    drifting.setDrift(true);
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              ParsedMetrics m = exporter.scrape();
              assertThat(
                      m.valueOf("adguard_config_in_sync", "target", "pi-b", "section", "rewrites"))
                  .isZero();
              assertThat(
                      m.valueOf(
                          "adguard_config_in_sync", "target", "pi-a", "section", "user_rules"))
                  .isZero();
            });
    ParsedMetrics m = exporter.scrape();
    assertThat(m.valueOf("adguard_config_in_sync", "target", "pi-a", "section", "clients"))
        .isEqualTo(1);
    assertThat(m.valueOf("adguard_config_fingerprint", "target", "pi-a", "section", "user_rules"))
        .isNotEqualTo(
            m.valueOf("adguard_config_fingerprint", "target", "pi-b", "section", "user_rules"));
    String landing = exporter.get("/").body();
    assertThat(landing).contains("drift-test.example").contains("differs");
    drifting.setDrift(false);
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              ParsedMetrics after = exporter.scrape();
              assertThat(
                      after.valueOf(
                          "adguard_config_in_sync", "target", "pi-a", "section", "rewrites"))
                  .isEqualTo(1);
              assertThat(
                      after.valueOf(
                          "adguard_config_in_sync", "target", "pi-b", "section", "user_rules"))
                  .isEqualTo(1);
            });
    String everything = exporter.scrapeText() + exporter.get("/").body() + exporter.logs();
    assertThat(everything).doesNotContain("s3cret-a");
  }

  @Test
  void garbageAndSlowAnswersGiveUpZeroWithTheirReasonAndRecover() throws Exception {
    AdGuardSimulator a = instances.start(SimulatorOptions.forTests());
    AdGuardSimulator b = instances.start(SimulatorOptions.forTests());
    instances
        .add("pi-a", a.baseUrl(), "admin", "admin", "")
        .add("pi-b", b.baseUrl(), "admin", "admin", "");
    exporter =
        RunningExporter.start(new AdGuardExporter(), instances.configFlag(), "--scrape.timeout=4s");
    await() // the first scrapes log in and load classes: wait until both answer
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                sum(exporter.scrape(), "adguard_up", "pi-a")
                        + sum(exporter.scrape(), "adguard_up", "pi-b")
                    == 2);
    a.setFault(io.github.homelabha.adguard.simulator.Fault.GARBAGE, null);
    ParsedMetrics m = exporter.scrape();
    assertThat(m.valueOf("adguard_up", "target", "pi-a")).isZero();
    assertThat(m.valueOf("adguard_scrape_errors_total", "target", "pi-a", "reason", "parse"))
        .isEqualTo(1);
    assertThat(m.valueOf("adguard_up", "target", "pi-b")).isEqualTo(1);
    a.setFault(io.github.homelabha.adguard.simulator.Fault.SLOW, Duration.ofSeconds(10));
    m = exporter.scrape();
    assertThat(m.valueOf("adguard_up", "target", "pi-a")).isZero();
    assertThat(m.value("adguard_scrape_errors_total", "target", "pi-a", "reason", "timeout"))
        .isPresent();
    a.setFault(io.github.homelabha.adguard.simulator.Fault.NONE, null);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> exporter.scrape().valueOf("adguard_up", "target", "pi-a") == 1);
  }
}
