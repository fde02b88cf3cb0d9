package io.github.homelabha.dashboards.golden;

import static org.awaitility.Awaitility.await;

import io.github.homelabha.adguard.AdGuardExporter;
import io.github.homelabha.adguard.simulator.AdGuardSimulator;
import io.github.homelabha.adguard.simulator.SimulatorOptions;
import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.PortAllocator;
import io.github.homelabha.core.testkit.RunningExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records what the real AdGuard exporter serves for an HA pair in trouble, against two AdGuard
 * simulators: protection off on pi-b, a configuration drift on pi-a, pi-b's filter lists not
 * updated for five days, a third instance (pi-c) that is down, queries answered by both upstreams
 * including SERVFAILs. See {@link GoldenExpositions}.
 */
class AdGuardGoldenExpositionsTest {

  /** Series that exist only once traffic with that type, status or upstream was logged. */
  private static final Set<String> TRAFFIC_DEPENDENT =
      Set.of(
          "adguard_queries_total",
          "adguard_queries_by_type_total",
          "adguard_queries_by_status_total",
          "adguard_stats_window_top_domain_queries",
          "adguard_stats_window_top_blocked_domain_queries",
          "adguard_stats_window_top_client_queries",
          "adguard_stats_window_upstream_responses",
          "adguard_stats_window_upstream_avg_response_seconds");

  @Test
  void aPairWithDriftProtectionOffStaleListsAndAnInstanceDown(@TempDir Path work) throws Exception {
    Path pw = work.resolve("password");
    Files.writeString(pw, "admin\n");
    Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
    try (AdGuardSimulator a = AdGuardSimulator.start(SimulatorOptions.forTests().withSeed(7));
        AdGuardSimulator b = AdGuardSimulator.start(SimulatorOptions.forTests().withSeed(8))) {
      int dead = PortAllocator.freeLoopbackPort();
      Path config = work.resolve("adguard.yml");
      Files.writeString(
          config,
          "instances:\n"
              + instance("pi-a", a.baseUrl(), pw)
              + instance("pi-b", b.baseUrl(), pw)
              + instance("pi-c", "http://127.0.0.1:" + dead, pw)
              + "    group: lab\n");
      b.setProtection(false, 0);
      a.setDrift(true);
      b.setFilterListsUpdated(Instant.now().minus(Duration.ofDays(5)));
      a.writeQueries(500);
      b.writeQueries(500);
      try (RunningExporter exporter =
          RunningExporter.start(
              new AdGuardExporter(), "--web.disable-exporter-metrics", "--config.file=" + config)) {
        exporter.scrape(); // reads both query logs once: their history is not counted
        a.writeQueries(400);
        b.writeQueries(300);
        ParsedMetrics metrics =
            await()
                .atMost(Duration.ofSeconds(30))
                .until(
                    exporter::scrape,
                    m ->
                        m.has("adguard_config_in_sync", "target", "pi-a")
                            && m.has(
                                "adguard_upstream_queries_total",
                                "target",
                                "pi-a",
                                "status",
                                "SERVFAIL"));
        GoldenExpositions.assertMatches(
            "adguard",
            "pair-drift-protection-off-stale-lists",
            metrics,
            Map.of(a.baseUrl(), "http://pi-a", b.baseUrl(), "http://pi-b"),
            TRAFFIC_DEPENDENT);
      }
    }
  }

  private static String instance(String name, String url, Path pw) {
    return "  - name: "
        + name
        + "\n    url: "
        + url
        + "\n    username: admin\n    password_file: "
        + pw
        + "\n";
  }
}
