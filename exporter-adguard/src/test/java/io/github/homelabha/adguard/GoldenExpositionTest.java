package io.github.homelabha.adguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.homelabha.adguard.simulator.AdGuardSimulator;
import io.github.homelabha.adguard.simulator.SimulatorOptions;
import io.github.homelabha.core.testkit.RunningExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records what the exporter really emits for an HA pair in trouble (protection off on one node,
 * drift, stale filter lists, one instance down) and keeps it as a golden exposition, which the
 * dashboards module's alert tests take their input series from. The test fails when the series
 * (names and labels; values vary) no longer match; {@code -Dgolden.record=true} records anew.
 */
class GoldenExpositionTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden/adguard-pair.prom");

  @TempDir Path dir;

  @Test
  void theExposedSeriesMatchTheRecording() throws Exception {
    try (Instances instances = new Instances(dir)) {
      AdGuardSimulator a = instances.start(SimulatorOptions.forTests().withSeed(7));
      AdGuardSimulator b = instances.start(SimulatorOptions.forTests().withSeed(8));
      instances
          .add("pi-a", a.baseUrl(), "admin", "admin", "")
          .add("pi-b", b.baseUrl(), "admin", "admin", "")
          .add("pi-c", "http://127.0.0.1:1", "admin", "admin", "group: lab");
      b.setProtection(false, 0);
      a.setDrift(true);
      b.setFilterListsUpdated(java.time.Instant.now().minus(Duration.ofDays(5)));
      a.writeQueries(500);
      b.writeQueries(500);
      try (RunningExporter exporter =
          RunningExporter.start(new AdGuardExporter(), instances.configFlag())) {
        exporter.scrape(); // baseline of the query logs; both instances read once
        a.writeQueries(400);
        b.writeQueries(300);
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> exporter.scrape().has("adguard_config_in_sync", "target", "pi-a"));
        String text = exporter.scrapeText();
        String recorded = keep(text);
        if (Boolean.getBoolean("golden.record") || !Files.exists(GOLDEN)) {
          Files.createDirectories(GOLDEN.getParent());
          Files.writeString(GOLDEN, recorded);
        }
        assertThat(series(recorded)).isEqualTo(series(Files.readString(GOLDEN)));
      }
    }
  }

  /** The exporter's own families (no JVM or process metrics), comments kept. */
  static String keep(String exposition) {
    return Arrays.stream(exposition.split("\n"))
            .filter(l -> l.contains("adguard_"))
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  /** Series identities (name and labels, without values) of an exposition. */
  static Set<String> series(String exposition) {
    Set<String> out = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String id = line.substring(0, line.lastIndexOf(' '));
      if (!volatileSeries(id)) {
        out.add(id);
      }
    }
    return out;
  }

  /** Series whose presence depends on timing, not on the exporter's code. */
  private static boolean volatileSeries(String id) {
    List<String> timing = List.of("adguard_exporter_build_info", "version=");
    return timing.stream().anyMatch(id::contains);
  }
}
