package io.github.homelabha.dashboards.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.homelabha.core.testkit.PortAllocator;
import io.github.homelabha.core.testkit.system.ManagedProcess;
import io.github.homelabha.core.testkit.system.NetworkLab;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import io.github.homelabha.core.testkit.system.RequiresRoot;
import io.github.homelabha.dashboards.e2e.MonitoringStack.ScrapeTarget;
import io.github.homelabha.dashboards.support.Bundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts that need a whole cluster to go wrong, brought to pending in a real Prometheus running
 * the shipped rules (every {@code for:} shortened) on the real exporters, with one stack for all
 * cases: two keepalived nodes in network namespaces (an IPv4 and an IPv6 VIP), each running dnsmasq
 * (DNS) and an HTTP server standing in for Traefik's {@code /ping}; a monitoring host in the lab
 * running the blackbox exporter with the shipped {@code blackbox.yml}, scraped through an uplink
 * with the shipped probe jobs; a real lsyncd copying the source node's directory to the replica's,
 * a real {@code rclone rcd} and a real rclone job; Prometheus and Alertmanager as in {@link
 * ClusterIncidentsSystemTest}.
 *
 * <p>Telegram messages are counted by {@link ClusterIncidentsSystemTest}; here several problems may
 * be pending at once, so each case asserts on Prometheus' alerts only (where an earlier case could
 * have raised them, first that they are not there yet). Cases run in order; each restores VRRP (n1
 * MASTER) and what it stopped, except the lsyncd case, which the next one restarts, the failed
 * rclone runs, which stay failed, and the last, which stops the Alertmanager.
 */
@RequiresRoot
@RequiresBinaries({
  "keepalived",
  "ip",
  "prometheus",
  "prometheus-alertmanager",
  "prometheus-blackbox-exporter",
  "dnsmasq",
  "lsyncd",
  "rsync",
  "rclone"
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterAlertsSystemTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(45);
  private static final String VIP6 = "2001:db8::10";
  private static final String ANSWER = "192.0.2.99";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * Seconds instead of minutes; the lag threshold sits above lsyncd's 1 s delay plus the canary's.
   */
  private static final Map<String, String> RULES = rules();

  private static Map<String, String> rules() {
    Map<String, String> rules = new HashMap<>(MonitoringStack.FAST_RULES);
    rules.put("split_brain_for", "2s");
    rules.put("no_master_for", "2s");
    rules.put("probe_failed_for", "2s");
    rules.put("sync_lag_warning_seconds", "8");
    rules.put("sync_lag_for", "1s");
    rules.put("sync_diverged_for", "2s");
    rules.put("sync_down_for", "2s");
    rules.put("config_reload_failed_for", "1s");
    rules.put("target_missing_for", "2s");
    rules.put("monitoring_window", "10s");
    rules.put("scrape_error_window", "30s");
    return Map.copyOf(rules);
  }

  @TempDir static Path work;
  private NetworkLab lab;
  private ClusterNode n1;
  private ClusterNode n2;
  private MonitoringStack stack;
  private final Map<String, ManagedProcess> dns = new HashMap<>();
  private final Map<String, ManagedProcess> web = new HashMap<>();
  private final int webPort = PortAllocator.freeLoopbackPort();
  private final int rclonePort = PortAllocator.freeLoopbackPort();
  private ManagedProcess lsyncd;
  private ManagedProcess rcloneDaemon;
  private Path rcloneJobLog;

  @BeforeAll
  void startClusterProbesAndMonitoring() throws Exception {
    lab = NetworkLab.create("alr");
    n1 = node("n1", "192.0.2.11/24", "2001:db8::11/64", 150, "source");
    n2 = node("n2", "192.0.2.12/24", "2001:db8::12/64", 100, "replica");
    lab.addHost("mon", "192.0.2.5/24");
    addIpv6("mon", "2001:db8::5/64");
    String uplink = lab.addUplink("mon");
    int blackboxPort = PortAllocator.freeLoopbackPort();
    lab.start(
        "mon",
        work.resolve("blackbox.log"),
        "prometheus-blackbox-exporter",
        "--config.file=" + Bundle.output("examples/prometheus/blackbox.yml"),
        "--web.listen-address=[" + uplink + "]:" + blackboxPort);
    for (ClusterNode node : List.of(n1, n2)) {
      startDns(node.name);
      startWeb(node.name);
    }

    n1.keepalived.start();
    n2.keepalived.start();
    startLsyncd(n2.pairDir());
    startRclone();
    Path lsyncdDir = work.resolve("lsyncd");
    n1.withSyncOptions(
        "--tree.scan-interval=1s",
        "--lsyncd.status-file=" + lsyncdDir.resolve("lsyncd.status"),
        "--lsyncd.log-file=" + lsyncdDir.resolve("lsyncd.log"),
        "--rclone.url=http://127.0.0.1:" + rclonePort,
        "--rclone.job=backup:" + rcloneJobLog,
        "--rclone.state-file=" + work.resolve("rclone-state.json"));
    n2.withSyncOptions("--tree.scan-interval=1s");
    Files.writeString(n1.pairDir().resolve("dashboard.json"), "{}\n");
    n1.startExportersOnceKeepalivedRuns();
    n2.startExportersOnceKeepalivedRuns();
    List<ScrapeTarget> targets = new ArrayList<>(n1.scrapeTargets());
    targets.addAll(n2.scrapeTargets());
    stack =
        MonitoringStack.start(
            work.resolve("monitoring"),
            targets,
            RULES,
            probeJobs("[" + uplink + "]:" + blackboxPort));
    stack.awaitSeries("keepalived_vrrp_instance_state{node=\"n1\"} == 2", TIMEOUT);
    stack.awaitSeries("keepalived_vrrp_instance_state{node=\"n2\"} == 1", TIMEOUT);
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
    for (ManagedProcess process : new ManagedProcess[] {lsyncd, rcloneDaemon}) {
      if (process != null) {
        process.close();
      }
    }
    if (n1 != null) {
      n1.close();
    }
    if (n2 != null) {
      n2.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  /** DNS and HTTP answer on both VIPs and both nodes, over IPv4 and IPv6: no probe alert. */
  @Test
  @Order(1)
  void probesOfTheVipsSucceedOverIpv4AndIpv6() throws Exception {
    for (String instance : List.of("192.0.2.10", VIP6, "192.0.2.11", "2001:db8::12")) {
      stack.awaitSeries(
          "probe_success{job=\"blackbox-dns\",instance=\"" + instance + "\"} == 1", TIMEOUT);
    }
    for (String url : List.of(httpUrl("192.0.2.10"), httpUrl("[" + VIP6 + "]"))) {
      stack.awaitSeries(
          "probe_success{job=\"blackbox-http\",instance=\"" + url + "\"} == 1", TIMEOUT);
    }
    assertThat(stack.query("probe_ip_protocol{instance=\"" + VIP6 + "\"} == 6")).hasSize(1);
    assertThat(stack.alerts())
        .noneMatch(a -> a.name().equals("DnsProbeFailed") || a.name().equals("HttpProbeFailed"));
  }

  /** dnsmasq stops on the MASTER: the VIP's DNS probes fail, IPv4 and IPv6. */
  @Test
  @Order(2)
  @ShowsAlerts("DnsProbeFailed")
  void dnsDownOnTheMasterFailsTheVipProbes() throws Exception {
    dns.remove("n1").stop(Duration.ofSeconds(5));
    try {
      stack.awaitAlert("DnsProbeFailed", TIMEOUT, "instance", "192.0.2.10", "node", "vip");
      stack.awaitAlert("DnsProbeFailed", TIMEOUT, "instance", VIP6, "node", "vip");
      stack.awaitAlert("DnsProbeFailed", TIMEOUT, "instance", "192.0.2.11", "node", "n1");
      assertThat(stack.alerts())
          .noneMatch(a -> a.name().equals("DnsProbeFailed") && "n2".equals(a.labels().get("node")));
    } finally {
      startDns("n1");
    }
    stack.awaitSeries(
        "probe_success{job=\"blackbox-dns\",instance=\"" + VIP6 + "\"} == 1", TIMEOUT);
  }

  /** The HTTP server stops on the MASTER: the VIP's HTTP probes fail, IPv4 and IPv6. */
  @Test
  @Order(3)
  @ShowsAlerts("HttpProbeFailed")
  void httpDownOnTheMasterFailsTheVipProbes() throws Exception {
    web.remove("n1").stop(Duration.ofSeconds(5));
    try {
      stack.awaitAlert("HttpProbeFailed", TIMEOUT, "instance", httpUrl("192.0.2.10"));
      stack.awaitAlert("HttpProbeFailed", TIMEOUT, "instance", httpUrl("[" + VIP6 + "]"));
    } finally {
      startWeb("n1");
    }
    stack.awaitSeries(
        "probe_success{job=\"blackbox-http\",instance=\"" + httpUrl("192.0.2.10") + "\"} == 1",
        TIMEOUT);
  }

  /**
   * A track script failing on the BACKUP lowers its priority; then the MASTER's script fails and
   * recovers twice, so the VIP moves four times: flapping on both nodes.
   */
  @Test
  @Order(4)
  @ShowsAlerts({"KeepalivedPriorityDegraded", "KeepalivedTrackScriptFailing", "KeepalivedFlapping"})
  void degradedPriorityAndFlapping() throws Exception {
    n2.keepalived.failTrackScript(true);
    try {
      stack.awaitAlert("KeepalivedPriorityDegraded", TIMEOUT, "node", "n2");
      stack.awaitAlert("KeepalivedTrackScriptFailing", TIMEOUT, "node", "n2");
    } finally {
      n2.passTrackScript();
    }
    stack.awaitSeries(
        "keepalived_vrrp_effective_priority{node=\"n2\"} == keepalived_vrrp_base_priority",
        TIMEOUT);

    assertThat(stack.alerts()).noneMatch(a -> a.name().equals("KeepalivedFlapping"));
    for (int round = 0; round < 2; round++) {
      // both nodes' scrapes must show each move, or the next step could start too early
      n1.keepalived.failTrackScript(true);
      stack.awaitSeries("keepalived_vrrp_instance_state{node=\"n1\"} == 1", TIMEOUT);
      stack.awaitSeries("keepalived_vrrp_instance_state{node=\"n2\"} == 2", TIMEOUT);
      n1.passTrackScript();
      stack.awaitSeries("keepalived_vrrp_instance_state{node=\"n1\"} == 2", TIMEOUT);
      stack.awaitSeries("keepalived_vrrp_instance_state{node=\"n2\"} == 1", TIMEOUT);
    }
    try {
      stack.awaitAlert("KeepalivedFlapping", TIMEOUT, "node", "n1");
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage()
              + "\ntransition timestamps: "
              + stack.query("keepalived_vrrp_last_transition_timestamp_seconds[3m]")
              + "\nstates: "
              + stack.query("keepalived_vrrp_instance_state[3m]"),
          e);
    }
    stack.awaitAlert("KeepalivedFlapping", TIMEOUT, "node", "n2");
  }

  /** n2 is cut off the switch but keeps its link: it elects itself while n1 stays MASTER. */
  @Test
  @Order(5)
  @ShowsAlerts("KeepalivedSplitBrain")
  void nodesThatCannotHearEachOtherAreASplitBrain() throws Exception {
    lab.setSwitched("n2", false);
    try {
      stack.awaitAlert("KeepalivedSplitBrain", TIMEOUT, "node", "n1", "iname", "VI_1");
      stack.awaitAlert("KeepalivedSplitBrain", TIMEOUT, "node", "n2", "iname", "VI_1");
    } finally {
      lab.setSwitched("n2", true);
    }
    stack.awaitSeries("keepalived_vrrp_instance_state{node=\"n2\"} == 1", TIMEOUT);
  }

  /** Both nodes lose their link: both FAULT, nobody holds the VIP. */
  @Test
  @Order(6)
  @ShowsAlerts("KeepalivedNoMaster")
  void bothLinksDownLeavesNoMaster() throws Exception {
    lab.setLinkUp("n1", false);
    lab.setLinkUp("n2", false);
    try {
      stack.awaitAlert("KeepalivedNoMaster", TIMEOUT, "iname", "VI_1", "cluster", "home");
      stack.awaitSeries("keepalived_vrrp_instance_state{node=\"n1\"} == 3", TIMEOUT);
      stack.awaitSeries("keepalived_vrrp_instance_state{node=\"n2\"} == 3", TIMEOUT);
    } finally {
      lab.setLinkUp("n1", true);
      lab.setLinkUp("n2", true);
    }
    stack.awaitSeries("keepalived_vrrp_instance_state{node=\"n1\"} == 2", TIMEOUT);
    stack.awaitSeries("keepalived_vrrp_instance_state{node=\"n2\"} == 1", TIMEOUT);
  }

  /**
   * lsyncd stops: the replica's canary ages beyond the threshold; a file written on the source then
   * never arrives (tree counts and sample digests differ); lsyncd's status file is left garbled
   * (its target fails).
   */
  @Test
  @Order(7)
  @ShowsAlerts({"SyncLagHigh", "SyncReplicaDiverged", "SyncReplicaContentDiffers", "SyncDown"})
  void replicationStoppedIsSeenOnTheReplica() throws Exception {
    stack.awaitSeries("sync_lag_seconds{node=\"n2\"} < 8", TIMEOUT);
    stack.awaitSeries(
        "max by (pair) (sync_tree_files{role=\"replica\"})"
            + " == max by (pair) (sync_tree_files{role=\"source\"})",
        TIMEOUT);
    assertThat(stack.alerts()).noneMatch(a -> a.name().startsWith("SyncReplica"));
    lsyncd.stop(Duration.ofSeconds(5));
    stack.awaitAlert("SyncLagHigh", TIMEOUT, "node", "n2", "pair", ClusterNode.PAIR);
    Files.writeString(n1.pairDir().resolve("new-dashboard.json"), "{}\n");
    stack.awaitAlert("SyncReplicaDiverged", TIMEOUT, "pair", ClusterNode.PAIR);
    stack.awaitAlert("SyncReplicaContentDiffers", TIMEOUT, "pair", ClusterNode.PAIR);
    Files.writeString(work.resolve("lsyncd/lsyncd.status"), "Lsyncd status report at\n\0\0");
    stack.awaitAlert("SyncDown", TIMEOUT, "node", "n1", "target", "lsyncd");
  }

  /**
   * lsyncd starts towards a replica directory that does not exist and gives up with an error;
   * started right again, it catches the replica up.
   */
  @Test
  @Order(8)
  @ShowsAlerts("SyncLsyncdFailing")
  void lsyncdFailingIsReportedAndRecovers() throws Exception {
    assertThat(stack.alerts()).noneMatch(a -> a.name().equals("SyncLsyncdFailing"));
    startLsyncd(work.resolve("no-such-parent/replica"));
    assertThat(lsyncd.awaitExit(TIMEOUT)).isPresent();
    stack.awaitAlert("SyncLsyncdFailing", TIMEOUT, "node", "n1");
    startLsyncd(n2.pairDir());
    stack.awaitSeries("sync_lag_seconds{node=\"n2\"} < 8", TIMEOUT);
    stack.awaitSeries("sync_up{node=\"n1\",target=\"lsyncd\"} == 1", TIMEOUT);
  }

  /** A real rclone job fails (its source is gone); a transfer through the rc API hits a limit. */
  @Test
  @Order(9)
  @ShowsAlerts({"SyncRcloneJobFailed", "SyncRcloneFatalError"})
  void rcloneFailuresAreReported() throws Exception {
    assertThat(stack.alerts()).noneMatch(a -> a.name().startsWith("SyncRclone"));
    assertThat(rclone(work.resolve("gone"), work.resolve("rclone-copy"))).isNotZero();
    stack.awaitAlert("SyncRcloneJobFailed", TIMEOUT, "node", "n1", "rclone_job", "backup");

    Path big = Files.createDirectories(work.resolve("big"));
    Files.write(big.resolve("blob"), new byte[200_000]);
    int exit =
        run(
            "rclone",
            "rc",
            "--url=http://127.0.0.1:" + rclonePort,
            "sync/copy",
            "srcFs=" + big,
            "dstFs=" + work.resolve("rc-copy"),
            "_config={\"MaxTransfer\":1000,\"CutoffMode\":\"HARD\"}");
    assertThat(exit).isNotZero();
    stack.awaitAlert("SyncRcloneFatalError", TIMEOUT, "node", "n1");
  }

  /**
   * Prometheus reloads a configuration that lost n2's sync target and gained a rule that cannot be
   * evaluated; then a configuration it cannot parse.
   */
  @Test
  @Order(10)
  @ShowsAlerts({
    "ExporterTargetMissing",
    "PrometheusRuleEvaluationFailures",
    "PrometheusConfigReloadFailed"
  })
  void prometheusReloadsAreWatched() throws Exception {
    ObjectNode original = stack.prometheusConfig();
    ObjectNode withoutTarget = original.deepCopy();
    for (JsonNode job : withoutTarget.path("scrape_configs")) {
      if (job.path("job_name").asText().equals("sync")) {
        ArrayNode groups = (ArrayNode) job.path("static_configs");
        for (int i = groups.size() - 1; i >= 0; i--) {
          if (groups.get(i).path("labels").path("node").asText().equals("n2")) {
            groups.remove(i);
          }
        }
      }
    }
    // two keepalived targets renamed alike: the result has duplicate series, an evaluation error
    Path broken =
        Files.writeString(
            stack.rulesDirectory().resolve("e2e-broken.rules.yml"),
            String.join(
                "\n",
                "groups:",
                "  - name: e2e-broken",
                "    rules:",
                "      - record: e2e:keepalived_up:renamed",
                "        expr: label_replace(label_replace(up{job=\"keepalived\"}, \"node\", \"x\","
                    + " \"\", \"\"), \"instance\", \"x\", \"\", \"\")",
                ""));
    try {
      stack.reloadPrometheus(MonitoringStack.yaml(withoutTarget));
      stack.awaitAlert("ExporterTargetMissing", TIMEOUT, "node", "n2", "missing_job", "sync");
      MonitoringStack.PrometheusAlert failures =
          stack.awaitAlert(
              "PrometheusRuleEvaluationFailures", TIMEOUT, "node", MonitoringStack.MONITORING_NODE);
      assertThat(failures.labels().get("rule_group")).endsWith(";e2e-broken");
      stack.reloadPrometheus("scrape_configs: [this is not a scrape config\n");
      stack.awaitAlert(
          "PrometheusConfigReloadFailed", TIMEOUT, "node", MonitoringStack.MONITORING_NODE);
    } finally {
      Files.delete(broken);
      stack.reloadPrometheus(MonitoringStack.yaml(original));
    }
    stack.awaitSeries("prometheus_config_last_reload_successful == 1", TIMEOUT);
    stack.awaitSeries("up{job=\"sync\",node=\"n2\"} == 1", TIMEOUT);
  }

  /** Alertmanager reloads a configuration it cannot parse and keeps the old one. */
  @Test
  @Order(11)
  @ShowsAlerts("AlertmanagerConfigReloadFailed")
  void alertmanagerReloadIsWatched() throws Exception {
    String original = stack.alertmanagerConfigText();
    try {
      stack.reloadAlertmanagers("route: {receiver: nobody-defined}\n");
      stack.awaitAlert(
          "AlertmanagerConfigReloadFailed", TIMEOUT, "node", MonitoringStack.MONITORING_NODE);
    } finally {
      stack.reloadAlertmanagers(original);
    }
    stack.awaitSeries("alertmanager_config_last_reload_successful == 1", TIMEOUT);
  }

  /** The only Alertmanager stops: Prometheus' alerts are dropped. Last: the stack stays so. */
  @Test
  @Order(12)
  @ShowsAlerts("PrometheusNotConnectedToAlertmanagers")
  void noAlertmanagerIsSeenByPrometheus() throws Exception {
    // reloads may have cost a batch of alerts: only what follows counts
    awaitNoAlert("PrometheusNotConnectedToAlertmanagers");
    stack.stopAlertmanager(0);
    stack.awaitAlert(
        "PrometheusNotConnectedToAlertmanagers", TIMEOUT, "node", MonitoringStack.MONITORING_NODE);
  }

  private void awaitNoAlert(String name) {
    await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .until(() -> stack.alerts().stream().noneMatch(a -> a.name().equals(name)));
  }

  private ClusterNode node(String name, String address, String address6, int priority, String role)
      throws IOException {
    ClusterNode node =
        new ClusterNode(
            lab, name, address, work.resolve(name), priority, role, List.of(VIP6 + "/64"));
    addIpv6(name, address6);
    return node;
  }

  private void addIpv6(String host, String address) {
    String[] command = {"ip", "-6", "addr", "add", address, "dev", "eth0", "nodad"};
    lab.exec(host, command).orThrow(List.of(command));
  }

  /** dnsmasq answering {@code example.org} (the shipped probe's name) itself, on every address. */
  private void startDns(String host) throws IOException {
    Path dir = Files.createDirectories(work.resolve(host).resolve("dnsmasq"));
    dns.put(
        host,
        lab.start(
            host,
            dir.resolve("dnsmasq-" + System.nanoTime() + ".log"),
            "dnsmasq",
            "--keep-in-foreground",
            "--log-facility=-",
            "--conf-file=/dev/null",
            "--no-resolv",
            "--no-hosts",
            "--user=root",
            "--pid-file=" + dir.resolve("dnsmasq.pid"),
            "--address=/example.org/" + ANSWER));
  }

  /** A static HTTP server (rclone) answering {@code /ping} with OK, as Traefik's ping does. */
  private void startWeb(String host) throws IOException {
    Path dir = Files.createDirectories(work.resolve(host).resolve("web"));
    Files.writeString(dir.resolve("ping"), "OK");
    web.put(
        host,
        lab.start(
            host,
            dir.resolve("http-" + System.nanoTime() + ".log"),
            "rclone",
            "serve",
            "http",
            dir.toString(),
            "--addr=:" + webPort,
            "--config=" + emptyRcloneConfig()));
  }

  private String httpUrl(String host) {
    return "http://" + host + ":" + webPort + "/ping";
  }

  /** A real lsyncd copying n1's directory to {@code target} one second after each change. */
  private void startLsyncd(Path target) throws IOException {
    Path dir = Files.createDirectories(work.resolve("lsyncd"));
    Path config =
        Files.writeString(
            dir.resolve("lsyncd-" + System.nanoTime() + ".lua"),
            String.join(
                "\n",
                "settings {",
                "  logfile = \"" + dir.resolve("lsyncd.log") + "\",",
                "  statusFile = \"" + dir.resolve("lsyncd.status") + "\",",
                "  statusInterval = 1,",
                "  nodaemon = true,",
                "}",
                "sync {",
                "  default.rsync,",
                "  source = \"" + n1.pairDir() + "/\",",
                "  target = \"" + target + "/\",",
                "  delay = 1,",
                "}",
                ""));
    lsyncd = ManagedProcess.start(List.of("lsyncd", config.toString()), dir.resolve("out.log"));
  }

  /** rclone's daemon with its rc API, and one successful run of the job the exporter follows. */
  private void startRclone() throws Exception {
    rcloneDaemon =
        ManagedProcess.start(
            List.of(
                "rclone",
                "rcd",
                "--rc-no-auth",
                "--rc-addr=127.0.0.1:" + rclonePort,
                "--config=" + emptyRcloneConfig()),
            work.resolve("rclone-rcd.log"));
    Path source = Files.createDirectories(work.resolve("loki"));
    Files.writeString(source.resolve("chunk"), "data\n");
    rcloneJobLog = work.resolve("rclone-backup.jsonl");
    assertThat(rclone(source, work.resolve("rclone-copy"))).isZero();
  }

  private int rclone(Path source, Path target) throws Exception {
    return run(
        "rclone",
        "sync",
        source.toString(),
        target.toString(),
        "--use-json-log",
        "--log-file=" + rcloneJobLog,
        "--retries=1",
        "--config=" + emptyRcloneConfig());
  }

  private Path emptyRcloneConfig() throws IOException {
    Path config = work.resolve("rclone.conf");
    if (!Files.exists(config)) {
      Files.writeString(config, "");
    }
    return config;
  }

  private static int run(String... command) throws Exception {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("commands.log").toFile())
            .start();
    await().atMost(TIMEOUT).until(() -> !process.isAlive());
    return process.exitValue();
  }

  /**
   * The shipped blackbox jobs as they are (module, path, relabelling), with this lab's targets and
   * blackbox exporter address.
   */
  private List<ObjectNode> probeJobs(String blackbox) throws IOException {
    JsonNode example = YAML.readTree(Bundle.output("examples/prometheus/prometheus.yml").toFile());
    Map<String, List<String[]>> targets =
        Map.of(
            "blackbox-dns",
            List.of(
                new String[] {"192.0.2.10", "vip"},
                new String[] {VIP6, "vip"},
                new String[] {"192.0.2.11", "n1"},
                new String[] {"2001:db8::12", "n2"}),
            "blackbox-http",
            List.of(
                new String[] {httpUrl("192.0.2.10"), "vip"},
                new String[] {httpUrl("[" + VIP6 + "]"), "vip"}));
    JsonNode relabel = null;
    List<ObjectNode> jobs = new ArrayList<>();
    for (JsonNode shipped : example.path("scrape_configs")) {
      String name = shipped.path("job_name").asText();
      if (!targets.containsKey(name)) {
        continue;
      }
      ObjectNode job = (ObjectNode) shipped.deepCopy();
      // the example's http job reuses the dns job's relabelling through a YAML alias
      if (job.path("relabel_configs").isArray()) {
        relabel = job.path("relabel_configs");
      }
      ArrayNode relabelling = job.putArray("relabel_configs");
      for (JsonNode rule : relabel) {
        ObjectNode copy = rule.deepCopy();
        if (copy.path("target_label").asText().equals("__address__")) {
          copy.put("replacement", blackbox);
        }
        relabelling.add(copy);
      }
      ArrayNode groups = job.putArray("static_configs");
      for (String[] target : targets.get(name)) {
        ObjectNode group = groups.addObject();
        group.putArray("targets").add(target[0]);
        group.putObject("labels").put("cluster", ClusterNode.CLUSTER).put("node", target[1]);
      }
      jobs.add(job);
    }
    assertThat(jobs).as("the example's blackbox jobs").hasSize(2);
    return jobs;
  }
}
