package io.github.homelabha.dashboards.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.homelabha.adguard.AdGuardExporter;
import io.github.homelabha.adguard.simulator.AdGuardSimulator;
import io.github.homelabha.adguard.simulator.SimulatorOptions;
import io.github.homelabha.core.testkit.PortAllocator;
import io.github.homelabha.core.testkit.RunningExporter;
import io.github.homelabha.core.testkit.system.ManagedProcess;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import io.github.homelabha.dashboards.e2e.MonitoringStack.ScrapeTarget;
import io.github.homelabha.drill.report.DrillMetrics;
import io.github.homelabha.drill.report.DrillReport;
import io.github.homelabha.drill.report.Exposition;
import io.github.homelabha.drill.report.PhaseReport;
import io.github.homelabha.drill.report.PushgatewayClient;
import io.github.homelabha.drill.report.ServiceResult;
import io.github.homelabha.drill.report.Verdict;
import io.github.homelabha.unifi.exporter.UnifiExporter;
import io.github.homelabha.unifi.simulator.SimulatorSettings;
import io.github.homelabha.unifi.simulator.UnifiSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts on what the cluster depends on, brought to pending in a real Prometheus running the
 * shipped rules (every {@code for:} shortened) on the real exporters, with one stack for all cases:
 * the AdGuard exporter reading two AdGuard simulators (pi-a, pi-b), the UniFi exporter reading the
 * UniFi simulator in UniFi OS mode with its certificate pinned (pi1 and pi2 plugged into ports 1
 * and 2 of a switch), and a real Pushgateway the failover drill's own code pushes results to. Every
 * AdGuard and UniFi fault is switched on through a simulator's knob.
 *
 * <p>Cases run in order and each first checks that its alert is not there yet. Each undoes its
 * fault, except the last AdGuard and UniFi cases (the stopped instance and controller stay down)
 * and the drill cases (each pushes a drill of its own name, which stays).
 */
@RequiresBinaries({"prometheus", "prometheus-alertmanager", "prometheus-pushgateway"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpstreamAlertsSystemTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String CLUSTER = "home";
  private static final String SITE = "default";
  private static final String PASSWORD = "pa55word";

  /** Seconds instead of minutes and hours; the thresholds are the shipped ones. */
  private static final Map<String, String> RULES = rules();

  private static Map<String, String> rules() {
    Map<String, String> rules = new HashMap<>(MonitoringStack.FAST_RULES);
    rules.put("adguard_down_for", "2s");
    rules.put("adguard_protection_off_for", "2s");
    rules.put("adguard_drift_for", "2s");
    rules.put("adguard_filter_list_stale_for", "2s");
    rules.put("adguard_upstream_error_for", "2s");
    rules.put("unifi_controller_down_for", "2s");
    rules.put("unifi_device_down_for", "2s");
    rules.put("unifi_node_port_down_for", "2s");
    rules.put("unifi_node_port_slow_for", "2s");
    rules.put("unifi_node_port_speed_window", "1m");
    rules.put("unifi_wan_down_for", "2s");
    rules.put("unifi_login_failures_window", "2m");
    return Map.copyOf(rules);
  }

  @TempDir static Path work;
  private AdGuardSimulator piA;
  private AdGuardSimulator piB;
  private UnifiSimulator controller;
  private String switchMac;
  private String accessPointMac;
  private RunningExporter adguardExporter;
  private RunningExporter unifiExporter;
  private ManagedProcess pushgateway;
  private String pushgatewayUrl;
  private MonitoringStack stack;

  @BeforeAll
  void startSimulatorsExportersAndMonitoring() throws Exception {
    // what started before a failure here is stopped by stop(), which JUnit runs anyway
    Path password = Files.writeString(work.resolve("password"), PASSWORD + "\n");
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
    startAdGuard(password);
    startUnifi(password);
    startPushgateway();
    List<ScrapeTarget> targets =
        List.of(
            new ScrapeTarget("adguard", "127.0.0.1:" + adguardExporter.port(), CLUSTER, "pi1"),
            new ScrapeTarget("unifi", "127.0.0.1:" + unifiExporter.port(), CLUSTER, "pi1"));
    stack =
        MonitoringStack.start(
            work.resolve("monitoring"), targets, RULES, List.of(pushgatewayJob()));
    stack.awaitSeries("adguard_up{target=\"pi-a\"} == 1", TIMEOUT);
    stack.awaitSeries("adguard_up{target=\"pi-b\"} == 1", TIMEOUT);
    stack.awaitSeries("unifi_up{target=\"home\"} == 1", TIMEOUT);
  }

  private void startAdGuard(Path password) throws Exception {
    // live traffic, so the upstream error ratio has queries to work on
    piA = AdGuardSimulator.start(options(7));
    piB = AdGuardSimulator.start(options(8));
    Path config =
        Files.writeString(
            work.resolve("adguard.yml"),
            "instances:\n"
                + adguardInstance("pi-a", piA.baseUrl(), password)
                + adguardInstance("pi-b", piB.baseUrl(), password));
    adguardExporter =
        RunningExporter.start(
            new AdGuardExporter(),
            "--web.listen-address=127.0.0.1:" + PortAllocator.freeLoopbackPort(),
            "--config.file=" + config);
  }

  private static SimulatorOptions options(long seed) {
    return SimulatorOptions.forTests()
        .withCredentials("admin", PASSWORD)
        .withSeed(seed)
        .withQueryRate(40);
  }

  private static String adguardInstance(String name, String url, Path password) {
    return "  - name: "
        + name
        + "\n    url: "
        + url
        + "\n    username: admin\n    password_file: "
        + password
        + "\n";
  }

  private void startUnifi(Path password) throws Exception {
    SimulatorSettings settings = new SimulatorSettings();
    settings.mode = SimulatorSettings.Mode.UNIFI_OS;
    settings.password = PASSWORD;
    // the refused logins of the login case must not run into the console's login limit
    settings.loginsPerMinute = 1000;
    controller = UnifiSimulator.start(settings);
    List<String> macs = controller.deviceMacs(SITE);
    switchMac = macs.get(1); // gateway first, then switches, access points last
    accessPointMac = macs.get(macs.size() - 1);
    Path config =
        Files.writeString(
            work.resolve("unifi.yml"),
            String.join(
                "\n",
                "controllers:",
                "  - name: home",
                "    url: " + controller.baseUrl(),
                "    platform: unifi_os",
                "    sites: [" + SITE + "]",
                "    username: admin",
                "    password_file: " + password,
                "    tls_config:",
                "      pinned_sha256: \"" + controller.fingerprint() + "\"",
                // short pauses after a refused login, so a few refusals happen within seconds
                "    backoff: {auth: 1s, rate_limited: 1s, max: 2s}",
                "    node_ports:",
                "      - {node: pi1, device: \"" + switchMac + "\", port: 1}",
                "      - {node: pi2, device: \"" + switchMac + "\", port: 2}",
                ""));
    unifiExporter =
        RunningExporter.start(
            new UnifiExporter(),
            "--web.listen-address=127.0.0.1:" + PortAllocator.freeLoopbackPort(),
            "--config.file=" + config);
  }

  private void startPushgateway() throws Exception {
    int port = PortAllocator.freeLoopbackPort();
    pushgatewayUrl = "http://127.0.0.1:" + port;
    pushgateway =
        ManagedProcess.start(
            List.of(
                "prometheus-pushgateway",
                "--web.listen-address=127.0.0.1:" + port,
                // in memory only: Debian's default file in /var/lib would outlive the test
                "--persistence.file="),
            work.resolve("pushgateway.log"));
    HttpProbe.awaitReady(pushgatewayUrl + "/-/ready", TIMEOUT, pushgateway.logText());
    assertThat(pushgateway.isAlive()).as("the Pushgateway on our port is ours").isTrue();
  }

  /** As the example scrape config's: the pushed job and drill labels are kept. */
  private ObjectNode pushgatewayJob() {
    ObjectNode job = JsonNodeFactory.instance.objectNode();
    job.put("job_name", "pushgateway").put("honor_labels", true);
    ObjectNode group = job.putArray("static_configs").addObject();
    group.putArray("targets").add(pushgatewayUrl.substring("http://".length()));
    group.putObject("labels").put("cluster", CLUSTER).put("node", "pi1");
    return job;
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
    for (AutoCloseable closeable :
        new AutoCloseable[] {pushgateway, unifiExporter, adguardExporter, controller, piA, piB}) {
      if (closeable != null) {
        try {
          closeable.close();
        } catch (Exception e) {
          // the rest must still be stopped
        }
      }
    }
  }

  // ---- AdGuard Home ----

  @Test
  @Order(1)
  @ShowsAlerts("AdGuardProtectionDisabledOnOneNode")
  void protectionOffOnOneInstance() throws Exception {
    assertAbsent("AdGuardProtectionDisabledOnOneNode");
    piB.setProtection(false, 0);
    try {
      stack.awaitAlert("AdGuardProtectionDisabledOnOneNode", TIMEOUT, "target", "pi-b");
    } finally {
      piB.setProtection(true, 0);
    }
    stack.awaitSeries("adguard_protection_enabled{target=\"pi-b\"} == 1", TIMEOUT);
  }

  @Test
  @Order(2)
  @ShowsAlerts("AdGuardConfigDrift")
  void configurationDriftBetweenTheInstances() throws Exception {
    assertAbsent("AdGuardConfigDrift");
    piA.setDrift(true);
    try {
      stack.awaitAlert("AdGuardConfigDrift", TIMEOUT, "cluster", CLUSTER);
    } finally {
      piA.setDrift(false);
    }
    stack.awaitSeries("min(adguard_config_in_sync) == 1", TIMEOUT);
  }

  @Test
  @Order(3)
  @ShowsAlerts("AdGuardFilterListsStale")
  void filterListsNotUpdatedForDays() throws Exception {
    assertAbsent("AdGuardFilterListsStale");
    piB.setFilterListsUpdated(Instant.now().minus(Duration.ofDays(5)));
    try {
      stack.awaitAlert("AdGuardFilterListsStale", TIMEOUT, "target", "pi-b");
      assertThat(stack.alerts())
          .noneMatch(
              a ->
                  a.name().equals("AdGuardFilterListsStale")
                      && "pi-a".equals(a.labels().get("target")));
    } finally {
      piB.setFilterListsUpdated(Instant.now());
    }
  }

  @Test
  @Order(4)
  @ShowsAlerts("AdGuardUpstreamErrorRatioHigh")
  void anUpstreamAnsweringServfail() throws Exception {
    // the healthy 1 % of SERVFAIL answers stays below the threshold
    stack.awaitSeries(
        "sum(rate(adguard_upstream_queries_total{target=\"pi-a\"}[1m])) > 0", TIMEOUT);
    assertAbsent("AdGuardUpstreamErrorRatioHigh");
    piA.setUpstreamServfailRatio(0.6);
    try {
      stack.awaitAlert("AdGuardUpstreamErrorRatioHigh", TIMEOUT, "target", "pi-a");
    } finally {
      piA.setUpstreamServfailRatio(0.01);
    }
  }

  @Test
  @Order(5)
  @ShowsAlerts("AdGuardDown")
  void anInstanceStops() throws Exception {
    assertAbsent("AdGuardDown");
    piB.close();
    stack.awaitAlert("AdGuardDown", TIMEOUT, "target", "pi-b");
    assertThat(stack.alerts())
        .noneMatch(a -> a.name().equals("AdGuardDown") && "pi-a".equals(a.labels().get("target")));
  }

  // ---- UniFi ----

  @Test
  @Order(6)
  @ShowsAlerts("UnifiDeviceDisconnected")
  void anAccessPointDisconnects() throws Exception {
    assertAbsent("UnifiDeviceDisconnected");
    controller.setDeviceState(SITE, accessPointMac, 0);
    try {
      stack.awaitAlert("UnifiDeviceDisconnected", TIMEOUT, "mac", accessPointMac);
    } finally {
      controller.setDeviceState(SITE, accessPointMac, 1);
    }
    stack.awaitSeries("unifi_device_up{mac=\"" + accessPointMac + "\"} == 1", TIMEOUT);
  }

  @Test
  @Order(7)
  @ShowsAlerts("UnifiNodePortDown")
  void theSwitchPortOfANodeLosesItsLink() throws Exception {
    assertAbsent("UnifiNodePortDown");
    controller.setPort(SITE, switchMac, 1, false, 1000);
    try {
      stack.awaitAlert("UnifiNodePortDown", TIMEOUT, "host", "pi1", "port", "1");
    } finally {
      controller.setPort(SITE, switchMac, 1, true, 1000);
    }
    stack.awaitSeries("unifi_port_up{mac=\"" + switchMac + "\",port=\"1\"} == 1", TIMEOUT);
  }

  @Test
  @Order(8)
  @ShowsAlerts("UnifiNodePortSlow")
  void theSwitchPortOfANodeRenegotiatesSlower() throws Exception {
    assertAbsent("UnifiNodePortSlow");
    controller.setPort(SITE, switchMac, 2, true, 100);
    try {
      stack.awaitAlert("UnifiNodePortSlow", TIMEOUT, "host", "pi2", "port", "2");
    } finally {
      controller.setPort(SITE, switchMac, 2, true, 1000);
    }
  }

  @Test
  @Order(9)
  @ShowsAlerts("UnifiWanDown")
  void theWanGoesDown() throws Exception {
    assertAbsent("UnifiWanDown");
    controller.setWanStatus(SITE, "error");
    try {
      stack.awaitAlert("UnifiWanDown", TIMEOUT, "site", SITE);
    } finally {
      controller.setWanStatus(SITE, "ok");
    }
    stack.awaitSeries("min(unifi_subsystem_up{subsystem=~\"wan|www\"}) == 1", TIMEOUT);
  }

  /** The exporter's password is changed on the console and its session ends. */
  @Test
  @Order(10)
  @ShowsAlerts("UnifiLoginFailures")
  void theConsoleRefusesTheExportersLogins() throws Exception {
    assertAbsent("UnifiLoginFailures");
    controller.settings().password = "changed-on-the-console";
    controller.expireSessions();
    try {
      stack.awaitAlert("UnifiLoginFailures", TIMEOUT, "controller", "home");
    } finally {
      controller.settings().password = PASSWORD;
    }
    stack.awaitSeries("unifi_up{target=\"home\"} == 1", TIMEOUT);
  }

  @Test
  @Order(11)
  @ShowsAlerts("UnifiControllerDown")
  void theControllerStops() throws Exception {
    // the refused logins made the controller unreadable for a while: wait until that is over
    awaitAbsent("UnifiControllerDown");
    controller.close();
    stack.awaitAlert("UnifiControllerDown", TIMEOUT, "target", "home");
  }

  // ---- failover drill ----

  @Test
  @Order(12)
  @ShowsAlerts("FailoverDrillFailed")
  void aFailedDrillIsPushed() throws Exception {
    assertAbsent("FailoverDrillFailed");
    ServiceResult dns = new ServiceResult("dns", 12.5, 6, 40, Verdict.FAIL, 5);
    DrillReport failed =
        new DrillReport(
            "weekly",
            DrillReport.Result.FAIL,
            "service_interrupted",
            "dns was interrupted for 12.5s (max 5s)",
            "pi1",
            Instant.now().toString(),
            new PhaseReport("pi1", "pi2", 2.1, List.of(dns)),
            null);
    push(failed, Instant.now());
    stack.awaitAlert("FailoverDrillFailed", TIMEOUT, "drill", "weekly");
  }

  @Test
  @Order(13)
  @ShowsAlerts("FailoverDrillOverdue")
  void theLastDrillIsTooOld() throws Exception {
    assertAbsent("FailoverDrillOverdue");
    Instant longAgo = Instant.now().minus(Duration.ofDays(40));
    ServiceResult dns = new ServiceResult("dns", 1.0, 1, 40, Verdict.PASS, 5);
    DrillReport passed =
        new DrillReport(
            "monthly",
            DrillReport.Result.PASS,
            null,
            "every service stayed within its max_interruption",
            "pi1",
            longAgo.toString(),
            new PhaseReport("pi1", "pi2", 2.0, List.of(dns)),
            null);
    push(passed, longAgo);
    stack.awaitAlert("FailoverDrillOverdue", TIMEOUT, "drill", "monthly");
    assertThat(stack.alerts())
        .noneMatch(
            a ->
                a.name().equals("FailoverDrillFailed")
                    && "monthly".equals(a.labels().get("drill")));
  }

  /** As the drill publishes its result: its metrics, PUT to the drill's group. */
  private void push(DrillReport report, Instant finished) throws Exception {
    new PushgatewayClient(HttpUrl.get(pushgatewayUrl), Duration.ofSeconds(10))
        .push(
            report.drill(),
            Exposition.text(DrillMetrics.of(report, finished.toEpochMilli() / 1000.0)));
  }

  private void assertAbsent(String alert) throws Exception {
    assertThat(stack.alerts())
        .as(alert + " before its fault")
        .noneMatch(a -> a.name().equals(alert));
  }

  /** Waits (bounded) until Prometheus no longer shows the alert, pending or firing. */
  private void awaitAbsent(String alert) {
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> stack.alerts().stream().noneMatch(a -> a.name().equals(alert)));
  }
}
