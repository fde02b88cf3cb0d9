package io.github.homelabha.dashboards.e2e;

import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.PortAllocator;
import io.github.homelabha.core.testkit.RunningExporter;
import io.github.homelabha.core.testkit.system.NetworkLab;
import io.github.homelabha.core.testkit.system.keepalived.KeepalivedConfig;
import io.github.homelabha.core.testkit.system.keepalived.KeepalivedConfig.Instance;
import io.github.homelabha.core.testkit.system.keepalived.KeepalivedNode;
import io.github.homelabha.dashboards.e2e.MonitoringStack.ScrapeTarget;
import io.github.homelabha.keepalived.KeepalivedExporter;
import io.github.homelabha.sync.SyncExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One node of the end-to-end cluster as the monitoring sees it: a real keepalived in its network
 * namespace ({@link KeepalivedNode}: VI_1, VRID 51, VIP {@value #VIP}, multicast adverts with PASS
 * authentication, track script weight {@value #TRACK_SCRIPT_WEIGHT}), our keepalived exporter and
 * our sync exporter (pair {@code grafana}, source on one node, replica on the other). The exporters
 * keep their ports across restarts, as a node's services do, so the scrape config stays valid when
 * the node comes back.
 */
final class ClusterNode implements AutoCloseable {

  static final String CLUSTER = "home";
  static final String VIP = "192.0.2.10";
  static final int TRACK_SCRIPT_WEIGHT = -60;
  static final String PAIR = "grafana";

  final String name;
  final KeepalivedNode keepalived;
  private final String role;
  private final Path pairDir;
  private final int keepalivedPort = PortAllocator.freeLoopbackPort();
  private final int syncPort = PortAllocator.freeLoopbackPort();
  private RunningExporter keepalivedExporter;
  private RunningExporter syncExporter;

  private final List<String> syncOptions = new ArrayList<>();

  ClusterNode(NetworkLab lab, String name, String address, Path dir, int priority, String role)
      throws IOException {
    this(lab, name, address, dir, priority, role, List.of());
  }

  /** With VIPs outside VI_1's adverts (an IPv6 VIP): see {@link KeepalivedNode}. */
  ClusterNode(
      NetworkLab lab,
      String name,
      String address,
      Path dir,
      int priority,
      String role,
      List<String> excludedVips)
      throws IOException {
    this.name = name;
    lab.addHost(name, address);
    this.keepalived = new KeepalivedNode(lab, name, dir.resolve("keepalived"));
    keepalived.configure(
        KeepalivedConfig.of(priority, TRACK_SCRIPT_WEIGHT)
            .routerIdPrefix("e2e_")
            .password("e2e-pass")
            .instance(Instance.of("VI_1", 51, VIP + "/24").withExcludedVips(excludedVips)));
    this.role = role;
    this.pairDir = Files.createDirectories(dir.resolve(PAIR));
  }

  /** More sync exporter flags (lsyncd, rclone), for the next {@link #startExporters()}. */
  ClusterNode withSyncOptions(String... options) {
    syncOptions.addAll(List.of(options));
    return this;
  }

  List<ScrapeTarget> scrapeTargets() {
    return List.of(
        new ScrapeTarget("keepalived", "127.0.0.1:" + keepalivedPort, CLUSTER, name),
        new ScrapeTarget("sync", "127.0.0.1:" + syncPort, CLUSTER, name));
  }

  Path pairDir() {
    return pairDir;
  }

  void passTrackScript() throws IOException {
    keepalived.failTrackScript(false);
  }

  /** As at boot: the exporters start after keepalived wrote its pid file. */
  void startExportersOnceKeepalivedRuns() throws Exception {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .until(() -> java.nio.file.Files.exists(keepalived.pidFile()));
    startExporters();
  }

  void startExporters() throws Exception {
    List<String> keepalivedArgs =
        new ArrayList<>(
            List.of(
                "--web.listen-address=127.0.0.1:" + keepalivedPort,
                "--web.disable-exporter-metrics"));
    keepalivedArgs.addAll(List.of(keepalived.exporterArgs()));
    keepalivedExporter =
        RunningExporter.start(new KeepalivedExporter(), keepalivedArgs.toArray(String[]::new));
    List<String> syncArgs =
        new ArrayList<>(
            List.of(
                "--web.listen-address=127.0.0.1:" + syncPort,
                "--web.disable-exporter-metrics",
                "--canary.interval=1s",
                "--sync.pair=" + PAIR + ":" + role + ":" + pairDir));
    syncArgs.addAll(syncOptions);
    syncExporter = RunningExporter.start(new SyncExporter(), syncArgs.toArray(String[]::new));
  }

  /** The node's exporters die with it. */
  void stopExporters() {
    if (keepalivedExporter != null) {
      keepalivedExporter.close();
      keepalivedExporter = null;
    }
    if (syncExporter != null) {
      syncExporter.close();
      syncExporter = null;
    }
  }

  ParsedMetrics scrapeKeepalived() throws IOException {
    return keepalivedExporter.scrape();
  }

  String logs() {
    return "==== keepalived on "
        + name
        + "\n"
        + keepalived.log()
        + (keepalivedExporter == null
            ? ""
            : "==== keepalived exporter\n" + keepalivedExporter.logs())
        + (syncExporter == null ? "" : "==== sync exporter\n" + syncExporter.logs());
  }

  @Override
  public void close() {
    stopExporters();
  }
}
