package io.github.homelabha.drill.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.homelabha.core.testkit.ExpositionParser;
import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.system.ManagedProcess;
import io.github.homelabha.core.testkit.system.ProcessResult;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import io.github.homelabha.core.testkit.system.RequiresRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drill against a real two-node keepalived cluster (see {@link DrillLab}): a dry run, a real
 * drill measured against an independent probe loop, and a refusal when one keepalived is stopped.
 */
@RequiresRoot
@RequiresBinaries({"keepalived", "ip", "curl", "dnsmasq", "prometheus-pushgateway"})
class FailoverDrillSystemTest {
  private static final double PROBE_INTERVAL = 0.1;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void drillsARealClusterAndReportsWhatAnIndependentProbeSaw() throws Exception {
    long t0 = System.nanoTime();
    try (DrillLab lab = DrillLab.start(tmp)) {
      lab.awaitReady();
      System.out.printf("cluster ready after %.1f s%n", (System.nanoTime() - t0) / 1e9);
      Path config = writeConfig(lab);
      DrillLab.Node n1 = lab.node("n1");
      String pushgateway = "http://127.0.0.1:" + lab.pushgatewayPort;

      // 1. a dry run checks everything and triggers nothing
      long tDry = System.nanoTime();
      ProcessResult dry = lab.drill("--config.file=" + config, "--dry-run");
      System.out.printf("dry run took %.1f s%n", (System.nanoTime() - tDry) / 1e9);
      assertThat(dry.exitCode()).as(dry.stderr()).isZero();
      assertThat(dry.stdout()).contains("would run on n1 (fail)", "touch", "nothing was triggered");
      assertThat(n1.stopFile).doesNotExist();
      assertThat(n1.holdsVip()).isTrue();
      assertThat(lab.curl(pushgateway + "/metrics")).doesNotContain("drill_success");

      // 2. the real drill, with an independent probe loop watching the same URL
      Path probeLog = tmp.resolve("independent-probe.log");
      Path report = tmp.resolve("report.json");
      ProcessResult run;
      try (ManagedProcess probe = lab.independentProbe(probeLog, 100)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> okLines(probeLog) >= 5);
        run =
            lab.drill(
                "--config.file=" + config,
                "--report.json=" + report,
                "--pushgateway.url=" + pushgateway);
        probe.stop(Duration.ofSeconds(2));
      }
      System.out.println(run.stdout());
      assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
      JsonNode json = JSON.readTree(report.toFile());
      assertThat(json.path("result").asText()).isEqualTo("pass");
      assertThat(json.path("old_master").asText()).isEqualTo("n1");
      assertThat(json.path("new_master").asText()).isEqualTo("n2");
      assertThat(json.path("restore").path("new_master").asText()).isEqualTo("n1");
      double switchSeconds = json.path("switch_seconds").asDouble();
      assertThat(switchSeconds).isPositive().isLessThan(15);

      JsonNode http = service(json, "http");
      double drillHttp = http.path("interruption_seconds").asDouble();
      double independentHttp = IndependentOutage.seconds(Files.readAllLines(probeLog), 5.0);
      System.out.printf(
          "measured: switch %.3f s, http %.3f s (independent probe %.3f s), tcp %.3f s, dns %.3f"
              + " s; way back: switch %s s, http %.3f s%n",
          switchSeconds,
          drillHttp,
          independentHttp,
          service(json, "tcp").path("interruption_seconds").asDouble(),
          service(json, "dns").path("interruption_seconds").asDouble(),
          json.path("restore").path("switch_seconds").asText(),
          service(json.path("restore"), "http").path("interruption_seconds").asDouble());
      assertThat(drillHttp).isPositive();
      assertThat(http.path("failed_probes").asInt()).isPositive();
      assertThat(drillHttp).isCloseTo(independentHttp, within(PROBE_INTERVAL + 0.5));
      // DNS and TCP keep answering on the old MASTER until the VIP moves: at most a short gap
      for (String other : List.of("tcp", "dns")) {
        double seconds = service(json, other).path("interruption_seconds").asDouble();
        assertThat(seconds).as(other).isLessThan(drillHttp).isLessThanOrEqualTo(2.0);
        assertThat(service(json, other).path("verdict").asText()).isEqualTo("pass");
      }
      // the restore brought the original MASTER back
      assertThat(n1.stopFile).doesNotExist();
      await().atMost(Duration.ofSeconds(10)).until(n1::holdsVip);

      // the pushed metrics arrived in the Pushgateway, grouped by job and drill
      ParsedMetrics pushed =
          ExpositionParser.parsePrometheusText(lab.curl(pushgateway + "/metrics"));
      String[] group = {"job", "failover_drill", "drill", "lab-web"};
      assertThat(pushed.valueOf("drill_success", group)).isEqualTo(1);
      assertThat(pushed.valueOf("drill_switch_seconds", group)).isEqualTo(switchSeconds);
      assertThat(
              pushed.valueOf("drill_service_interruption_seconds", with(group, "service", "http")))
          .isEqualTo(drillHttp);
      assertThat(pushed.valueOf("drill_service_failed_probes", with(group, "service", "http")))
          .isEqualTo(http.path("failed_probes").asDouble());
      assertThat(pushed.valueOf("drill_service_ok", with(group, "service", "dns"))).isEqualTo(1);
      assertThat(pushed.valueOf("drill_last_run_timestamp_seconds", group))
          .isCloseTo(System.currentTimeMillis() / 1000.0, within(120.0));
      String textfile = Files.readString(tmp.resolve("drill.prom"));
      assertThat(textfile).contains("drill_success 1", "drill_service_ok{service=\"http\"} 1");

      // 3. one keepalived stopped: refused with exit code 2, no fail command run
      lab.node("n2").keepalived.stop(Duration.ofSeconds(10));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> lab.curl(lab.node("n2").exporterUrl()).contains("keepalived_up 0"));
      Path refusedReport = tmp.resolve("refused.json");
      ProcessResult refused =
          lab.drill(
              "--config.file=" + config,
              "--report.json=" + refusedReport,
              "--pushgateway.url=" + pushgateway);
      System.out.println(refused.stdout());
      assertThat(refused.exitCode()).as(refused.stdout() + refused.stderr()).isEqualTo(2);
      assertThat(n1.stopFile).doesNotExist();
      assertThat(lab.node("n2").stopFile).doesNotExist();
      assertThat(n1.holdsVip()).isTrue();
      JsonNode refusal = JSON.readTree(refusedReport.toFile());
      assertThat(refusal.path("result").asText()).isEqualTo("refused");
      assertThat(refusal.path("reason").asText()).isEqualTo("keepalived_down");
      assertThat(refusal.has("switch_seconds")).isFalse();
      pushed = ExpositionParser.parsePrometheusText(lab.curl(pushgateway + "/metrics"));
      assertThat(pushed.valueOf("drill_success", group)).isZero();
      assertThat(pushed.valueOf("drill_refusal_info", with(group, "reason", "keepalived_down")))
          .isEqualTo(1);
      assertThat(pushed.has("drill_switch_seconds")).isFalse();
      assertThat(pushed.has("drill_service_interruption_seconds")).isFalse();
      assertThat(Files.readString(tmp.resolve("drill.prom")))
          .contains("drill_success 0", "drill_refusal_info{reason=\"keepalived_down\"} 1")
          .doesNotContain("drill_switch_seconds");
      System.out.printf("whole test %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
  }

  private static String[] with(String[] labels, String name, String value) {
    List<String> all = new ArrayList<>(List.of(labels));
    all.add(name);
    all.add(value);
    return all.toArray(String[]::new);
  }

  private static JsonNode service(JsonNode phase, String name) {
    for (JsonNode s : phase.path("services")) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no service " + name + " in " + phase);
  }

  private static long okLines(Path log) throws java.io.IOException {
    if (!Files.exists(log)) {
      return 0;
    }
    return Files.readAllLines(log).stream().filter(l -> l.endsWith(" ok")).count();
  }

  private Path writeConfig(DrillLab lab) throws java.io.IOException {
    StringBuilder yaml = new StringBuilder();
    yaml.append("name: lab-web\n");
    yaml.append("instance: ").append(DrillLab.INSTANCE).append('\n');
    // settle above keepalived's preemption time (track script interval + 3 adverts + skew)
    // a generous probe timeout: the test machine may be busy with other builds
    yaml.append("probe_interval: 100ms\nprobe_timeout: 3s\nsettle: 5s\ntimeout: 90s\n");
    yaml.append("textfile: ").append(tmp.resolve("drill.prom")).append('\n');
    yaml.append("nodes:\n");
    for (DrillLab.Node node : lab.nodes) {
      yaml.append("  - name: ").append(node.name).append('\n');
      yaml.append("    keepalived_exporter: ").append(node.exporterUrl()).append('\n');
      yaml.append("    fail: [touch, ").append(node.stopFile).append("]\n");
      yaml.append("    restore: [rm, -f, ").append(node.stopFile).append("]\n");
    }
    yaml.append("services:\n");
    // generous: a busy test machine slows keepalived's track script and adverts; the figures,
    // not the verdict, are what this test compares
    yaml.append("  - name: http\n    max_interruption: 30s\n");
    yaml.append("    http: {url: 'http://")
        .append(DrillLab.VIP)
        .append(':')
        .append(lab.httpPort)
        .append("/', expect_status: 200, expect_body: drill-ok}\n");
    yaml.append("  - name: tcp\n    max_interruption: 5s\n");
    yaml.append("    tcp: {address: '").append(DrillLab.VIP).append(':').append(lab.tcpPort);
    yaml.append("'}\n");
    yaml.append("  - name: dns\n    max_interruption: 5s\n");
    yaml.append("    dns: {server: '").append(DrillLab.VIP).append(":53', query: ");
    yaml.append(DrillLab.DNS_NAME).append(", type: A, expect: ").append(DrillLab.DNS_ANSWER);
    yaml.append("}\n");
    Path file = tmp.resolve("drill.yml");
    Files.writeString(file, yaml.toString());
    return file;
  }
}
