package io.github.homelabha.keepalived.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.homelabha.core.testkit.ExpositionParser;
import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.RunningExporter;
import io.github.homelabha.core.testkit.system.NetworkLab;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import io.github.homelabha.core.testkit.system.RequiresRoot;
import io.github.homelabha.keepalived.KeepalivedExporter;
import io.github.homelabha.keepalived.dump.JsonDumpParser;
import io.github.homelabha.keepalived.dump.VrrpInstance;
import io.github.homelabha.keepalived.process.KeepalivedProcess;
import io.github.homelabha.keepalived.process.ProcessVerifier;
import io.github.homelabha.keepalived.system.KeepalivedNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scrape latency and freshness against a real keepalived with 50 VRRP instances (two nodes in
 * network namespaces). Run it with {@code bench/keepalived-bench.sh}; it is skipped in normal
 * builds.
 *
 * <p>Freshness: after each real state change (made by failing and restoring the preferred node's
 * track script; the moment is taken from the VIP appearing or vanishing in the namespace), the
 * first read of each method must report the new state. The naive method signals keepalived and
 * reads keepalived.json right away, as mehdy/keepalived-exporter does; it runs first, so the file
 * it finds was written before the change, as it would be in its own scrape loop.
 */
@RequiresRoot
@RequiresBinaries({"keepalived", "ip", "kill"})
class KeepalivedBenchmark {
  private static final int INSTANCES = 50;
  private static final int LATENCY_SCRAPES = 300;
  private static final int CHANGES = 12;

  @TempDir Path tmp;

  @Test
  void latencyAndFreshness() throws Exception {
    assumeTrue(
        Boolean.getBoolean("keepalived.bench"),
        "benchmark: run bench/keepalived-bench.sh (or -Dkeepalived.bench=true)");
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            "%nkeepalived benchmark: %d sequential scrapes per line (load average %s)%n",
            LATENCY_SCRAPES, Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
    for (int instances : new int[] {1, INSTANCES}) {
      String part = latencies(instances);
      System.out.print(part); // shown even if a later part fails
      report.append(part);
    }
    report.append(freshness());
    System.out.println(report);
    Files.writeString(Path.of("target", "keepalived-bench.txt"), report);
  }

  /**
   * Latency of a cluster with {@code instances} VRRP instances: the exporter in keepalived's own
   * network namespace (the common case: a separate JVM started inside the namespace, reached
   * through a veth pair), and in another one (this JVM, naming the namespace). With {@code
   * -Dkeepalived.bench.baseline=DIR} (another build's {@code exporter-keepalived/target/classes})
   * that build runs beside this one in the same namespace and the two are scraped in turn, so both
   * see the same load.
   */
  private String latencies(int instances) throws Exception {
    try (NetworkLab lab = NetworkLab.create("kab")) {
      KeepalivedNodes nodes =
          KeepalivedNodes.twoNodes(lab, tmp.resolve("l" + instances), instances - 1);
      NamespacedExporter.link(lab, "n1");
      String[] args = {
        "--keepalived.pid-file=" + nodes.n1().pidFile(),
        "--keepalived.dump-dir=" + nodes.n1().dumps()
      };
      String classPath = System.getProperty("java.class.path");
      String baselineDir = System.getProperty("keepalived.bench.baseline", "");
      List<String> names = new ArrayList<>(List.of("this build"));
      List<NamespacedExporter> local = new ArrayList<>();
      StringBuilder out = new StringBuilder();
      try (RunningExporter other =
          RunningExporter.start(new KeepalivedExporter(), nodes.n1().exporterArgs())) {
        local.add(
            NamespacedExporter.start(
                lab, "n1", tmp.resolve("x" + instances + ".log"), classPath, args));
        if (!baselineDir.isEmpty()) {
          String ours = Path.of("target", "classes").toAbsolutePath().toString();
          local.add(
              NamespacedExporter.start(
                  lab,
                  "n1",
                  tmp.resolve("b" + instances + ".log"),
                  classPath.replace(ours, baselineDir),
                  args));
          names.add("baseline " + baselineDir);
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> state(other.scrape()) == 2);
        for (NamespacedExporter e : local) {
          await().atMost(Duration.ofSeconds(120)).until(() -> e.scrape() != null);
        }
        // a dump of many instances can miss the budget on a busy machine: wait for a whole one
        await()
            .atMost(Duration.ofSeconds(120))
            .until(
                () -> other.scrape().samples("keepalived_vrrp_instance_state").size() == instances);
        List<Scrape> scrapes = new ArrayList<>();
        local.forEach(e -> scrapes.add(e::scrapeText));
        List<Latency> measured = latency(scrapes);
        for (int i = 0; i < measured.size(); i++) {
          out.append(
              String.format(
                  "  %d VRRP instance(s), exporter in keepalived's network namespace, %s:%n%s",
                  instances, names.get(i), measured.get(i)));
        }
        out.append(
            String.format(
                "  %d VRRP instance(s), exporter in another network namespace, this build:%n%s",
                instances, latency(List.of(other::scrapeText)).get(0)));
      } finally {
        local.forEach(NamespacedExporter::close);
      }
      return out.toString();
    }
  }

  /**
   * After each real state change (made by failing and restoring the preferred node's track script;
   * the moment is taken from the VIP appearing or vanishing in the namespace), the first read of
   * each method must report the new state.
   */
  private String freshness() throws Exception {
    try (NetworkLab lab = NetworkLab.create("kab")) {
      KeepalivedNodes nodes = KeepalivedNodes.twoNodes(lab, tmp.resolve("fresh"), INSTANCES - 1);
      try (RunningExporter e1 =
              RunningExporter.start(new KeepalivedExporter(), nodes.n1().exporterArgs());
          // n2's exporter reads no FIFO: its dumps after a change would otherwise also refresh
          // the file the naive reader looks at
          RunningExporter e2 =
              RunningExporter.start(
                  new KeepalivedExporter(),
                  "--keepalived.pid-file=" + nodes.n2().pidFile(),
                  "--keepalived.dump-dir=" + nodes.n2().dumps(),
                  "--keepalived.netns=" + nodes.lab().namespace("n2"))) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> state(e1.scrape()) == 2 && state(e2.scrape()) == 1);
        ProcessVerifier verifier = new ProcessVerifier();
        int naiveFresh = 0;
        int oursFresh = 0;
        for (int c = 0; c < CHANGES; c++) {
          boolean toMaster = c % 2 == 0;
          nodes.n1().failTrackScript(toMaster);
          await()
              .atMost(Duration.ofSeconds(120))
              .pollInterval(Duration.ofMillis(5))
              .until(() -> nodes.vipOn("n2", "192.0.2.100") == toMaster);
          int expected = toMaster ? 2 : 1;
          // naive: signal, read right away
          KeepalivedProcess p = verifier.verify(nodes.n2().pidFile());
          new ProcessBuilder("kill", "-36", Long.toString(p.pid())).start().waitFor();
          try {
            String json = Files.readString(nodes.n2().dumps().resolve("keepalived.json"));
            VrrpInstance vi =
                JsonDumpParser.parse(json).stream()
                    .filter(i -> i.name().equals("VI_DNS"))
                    .findFirst()
                    .orElseThrow();
            naiveFresh += vi.state().code() == expected ? 1 : 0;
          } catch (Exception ex) {
            // a half-written file is not a fresh answer either
          }
          // ours: the next scrape
          oursFresh += state(e2.scrape()) == expected ? 1 : 0;
        }
        nodes.n1().failTrackScript(false);
        assertThat(oursFresh).isEqualTo(CHANGES);
        return String.format(
            "  freshness after %d state changes (%d instances): exporter %d/%d (%.0f%%),"
                + " naive read-after-signal %d/%d (%.0f%%)%n",
            CHANGES,
            INSTANCES,
            oursFresh,
            CHANGES,
            100.0 * oursFresh / CHANGES,
            naiveFresh,
            CHANGES,
            100.0 * naiveFresh / CHANGES);
      }
    }
  }

  /** Percentiles of one exporter's sequential scrapes. */
  private record Latency(List<Double> http, List<Double> scrape, List<Double> dump) {
    @Override
    public String toString() {
      return String.format(
          "    /metrics latency     p50 %5.1f ms  p90 %5.1f ms  p99 %5.1f ms%n"
              + "    target scrape        p50 %5.1f ms  p90 %5.1f ms  p99 %5.1f ms"
              + " (keepalived_scrape_duration_seconds)%n"
              + "    dump wait            p50 %5.1f ms  p90 %5.1f ms  p99 %5.1f ms"
              + " (signal -> parsed dump)%n",
          pct(http, 50),
          pct(http, 90),
          pct(http, 99),
          pct(scrape, 50),
          pct(scrape, 90),
          pct(scrape, 99),
          pct(dump, 50),
          pct(dump, 90),
          pct(dump, 99));
    }
  }

  /** One scrape of {@code /metrics}, as text. */
  private interface Scrape {
    String get() throws Exception;
  }

  /** Scrapes each exporter in turn, {@link #LATENCY_SCRAPES} times, after a warm-up. */
  private static List<Latency> latency(List<Scrape> exporters) throws Exception {
    for (int i = 0; i < 30; i++) {
      for (Scrape e : exporters) {
        e.get();
      }
    }
    List<Latency> out = new ArrayList<>();
    for (int k = 0; k < exporters.size(); k++) {
      out.add(new Latency(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
    }
    for (int i = 0; i < LATENCY_SCRAPES; i++) {
      for (int k = 0; k < exporters.size(); k++) {
        long t0 = System.nanoTime();
        String body = exporters.get(k).get();
        Latency l = out.get(k);
        l.http().add((System.nanoTime() - t0) / 1e6);
        ParsedMetrics m = ExpositionParser.parsePrometheusText(body);
        assertThat(m.valueOf("keepalived_up")).isEqualTo(1);
        l.scrape().add(m.valueOf("keepalived_scrape_duration_seconds") * 1000);
        l.dump().add(m.valueOf("keepalived_dump_duration_seconds") * 1000);
      }
    }
    for (Latency l : out) {
      Collections.sort(l.http());
      Collections.sort(l.scrape());
      Collections.sort(l.dump());
    }
    return out;
  }

  private static double state(ParsedMetrics m) {
    return m.value("keepalived_vrrp_instance_state", "iname", "VI_DNS").orElse(-1);
  }

  private static double pct(List<Double> sorted, int p) {
    int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
  }
}
