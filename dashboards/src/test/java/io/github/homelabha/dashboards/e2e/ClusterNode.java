package io.github.homelabha.dashboards.e2e;

import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.PortAllocator;
import io.github.homelabha.core.testkit.RunningExporter;
import io.github.homelabha.core.testkit.system.NetworkLab;
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
 * namespace ({@link KeepalivedNode}), our keepalived exporter and our sync exporter (pair {@code
 * grafana}, source on one node, replica on the other). The exporters keep their ports across
 * restarts, as a node's services do, so the scrape config stays valid when the node comes back.
 */
final class ClusterNode implements AutoCloseable {

  static final String CLUSTER = "home";
  static final String PAIR = "grafana";

  final String name;
  final KeepalivedNode keepalived;
  private final String namespace;
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
    this.namespace = lab.addHost(name, address);
    this.keepalived =
        new KeepalivedNode(lab, name, dir.resolve("keepalived"), priority, excludedVips);
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

  /** The healthy file KeepalivedNode's track script tests; written back to make it pass again. */
  void passTrackScript() throws IOException {
    Files.writeString(keepalived.dumpDir().resolve("healthy"), "ok\n");
  }

  /** As at boot: the exporters start after keepalived wrote its pid file. */
  void startExportersOnceKeepalivedRuns() throws Exception {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .until(() -> java.nio.file.Files.exists(keepalived.pidFile()));
    startExporters();
  }

  void startExporters() throws Exception {
    keepalivedExporter =
        RunningExporter.start(
            new KeepalivedExporter(),
            "--web.listen-address=127.0.0.1:" + keepalivedPort,
            "--web.disable-exporter-metrics",
            "--keepalived.pid-file=" + keepalived.pidFile(),
            "--keepalived.dump-dir=" + keepalived.dumpDir(),
            "--keepalived.notify-fifo=" + keepalived.notifyFifo(),
            "--keepalived.netns=" + namespace);
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
