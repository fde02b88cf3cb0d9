package io.github.homelabha.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.homelabha.core.testkit.ExpositionParser;
import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import io.github.homelabha.core.testkit.system.RequiresRoot;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The demo as a user runs it, on shifted ports: a real keepalived cluster failing over with its
 * reasons, lsyncd replicating with stalls, an AdGuard Home pair and a UniFi console simulated,
 * Prometheus loading the shipped rules; afterwards nothing of it is left (processes, network
 * namespaces, files).
 */
@RequiresRoot
@RequiresBinaries({"keepalived", "ip", "lsyncd", "rsync", "prometheus"})
class DemoSystemTest {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private String get(DemoOptions o, int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(o.url(port, path)))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private ParsedMetrics scrape(DemoOptions o, int port) throws Exception {
    return ExpositionParser.parsePrometheusText(get(o, port, "/metrics"));
  }

  @Test
  void theWholeBundleRunsFailsOverAndCleansUp() throws Exception {
    DemoOptions options =
        DemoOptions.parse(
            new String[] {
              "--port-offset=" + freeOffset(),
              "--listen-host=127.0.0.1",
              "--failover-every=6s",
              "--stall-every=8s",
              "--stall-for=4s"
            });
    Demo demo = Demo.prepare(options);
    Path workspace = demo.workspaceRoot();
    try {
      demo.start();
      assertThat(demo.clusterRuns()).isTrue();
      assertThat(demo.prometheusRuns()).isTrue();

      // The very first page view shows both nodes' live state.
      String landing = get(options, Demo.KEEPALIVED_PORT, "/");
      assertThat(landing).doesNotContain("not scraped yet").contains("<td>node-a</td>");
      await("node-a MASTER")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  scrape(options, Demo.KEEPALIVED_PORT)
                          .valueOf(
                              "keepalived_vrrp_instance_state",
                              "target",
                              "node-a",
                              "iname",
                              "VI_DNS")
                      == 2);

      // The scenario: track script failure, preemption back, keepalived stopped.
      await("failovers with three reasons")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                String events = get(options, Demo.KEEPALIVED_PORT, "/events");
                return events.contains("\"reason\":\"track_script\",\"script\":\"chk_dns\"")
                    && events.contains("\"reason\":\"preempted\"")
                    && (events.contains("\"reason\":\"stopped\"")
                        || events.contains("\"to\":\"STOP\""));
              });

      await("the standby's lag and lsyncd")
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                ParsedMetrics m = scrape(options, Demo.SYNC_PORT);
                return m.has("sync_lag_seconds", "pair", SyncDemo.REPLICA_PAIR)
                    && m.has("sync_lsyncd_running")
                    && m.valueOf("sync_up", "target", SyncDemo.SOURCE_PAIR) == 1;
              });

      await("both simulated AdGuard Home instances are up")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                ParsedMetrics m = scrape(options, Demo.ADGUARD_PORT);
                return m.has("adguard_up", "target", "pi-a")
                    && m.valueOf("adguard_up", "target", "pi-a") == 1
                    && m.has("adguard_up", "target", "pi-b")
                    && m.valueOf("adguard_up", "target", "pi-b") == 1;
              });
      assertThat(get(options, Demo.ADGUARD_PORT, "/")).contains("pi-a").contains("pi-b");

      await("the simulated UniFi console is up, its certificate pinned")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                ParsedMetrics m = scrape(options, Demo.UNIFI_PORT);
                return m.has("unifi_up", "target", "console")
                    && m.valueOf("unifi_up", "target", "console") == 1;
              });
      assertThat(get(options, Demo.UNIFI_PORT, "/")).contains("console");
      assertThat(demo.summary())
          .contains(options.url(Demo.ADGUARD_PORT, "/"))
          .contains(options.url(Demo.UNIFI_PORT, "/"));
      String adguardPassword = Files.readString(workspace.resolve("adguard/password"));
      assertThat(Files.getPosixFilePermissions(workspace.resolve("adguard/password")))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(Files.getPosixFilePermissions(workspace.resolve("unifi/password")))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(get(options, Demo.ADGUARD_PORT, "/metrics")).doesNotContain(adguardPassword);

      await("Prometheus scrapes every exporter and loaded the rules")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                String targets =
                    get(options, PrometheusDemo.DEFAULT_PORT, "/api/v1/targets?state=active");
                String rules = get(options, PrometheusDemo.DEFAULT_PORT, "/api/v1/rules");
                return targets.split("\"health\":\"up\"", -1).length - 1 == 5
                    && rules.contains("\"name\":\"keepalived\"")
                    && rules.contains("sync");
              });
    } finally {
      demo.close();
    }

    assertThat(Files.exists(workspace)).isFalse();
    String namespaces =
        new String(
            new ProcessBuilder("ip", "netns", "list").start().getInputStream().readAllBytes());
    assertThat(namespaces).doesNotContain("hademo" + ProcessHandle.current().pid() + "-");
    assertThat(
            ProcessHandle.allProcesses()
                .filter(
                    p ->
                        p.info()
                            .commandLine()
                            .map(c -> c.contains(workspace.toString()))
                            .orElse(false))
                .filter(ProcessHandle::isAlive))
        .isEmpty();
  }

  /**
   * An offset that puts the demo's ports (9090, 9130, 9165, 9166, 9617) on free ports, all below
   * Linux's ephemeral range (32768 and up), where no outgoing connection can take one before the
   * demo binds it.
   */
  private static int freeOffset() throws IOException {
    Random random = new Random();
    for (int attempt = 0; attempt < 100; attempt++) {
      int offset = 10_000 + random.nextInt(13_000);
      if (free(9090 + offset)
          && free(9130 + offset)
          && free(9165 + offset)
          && free(9166 + offset)
          && free(9617 + offset)) {
        return offset;
      }
    }
    throw new IOException("no free port offset found");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
