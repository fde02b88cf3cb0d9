package io.github.homelabha.unifi.exporter.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.unifi.exporter.golden.PromtoolTestWriter.Case;
import io.github.homelabha.unifi.exporter.golden.PromtoolTestWriter.Check;
import io.github.homelabha.unifi.exporter.golden.PromtoolTestWriter.Expected;
import io.github.homelabha.unifi.exporter.golden.PromtoolTestWriter.Segment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The expositions of the real exporter in each fault state are kept as golden files, and the alert
 * rules' promtool tests (dashboards/src/test/promtool/unifi.test.yml) are generated from them. A
 * change of the exporter's output fails here until the recordings are renewed with {@code
 * -Dgolden.update=true}, which rewrites both.
 */
class UnifiGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final Path PROMTOOL_TEST =
      Path.of("../dashboards/src/test/promtool/unifi.test.yml");

  @Test
  void recordingsAndTheRulesTestsAreCurrent(@TempDir Path dir) throws Exception {
    Map<String, List<String>> states = RecordedNetwork.record(dir);
    boolean update = Boolean.getBoolean("golden.update");
    for (Map.Entry<String, List<String>> e : states.entrySet()) {
      Path file = GOLDEN.resolve(e.getKey() + ".prom");
      String text = String.join("\n", e.getValue()) + "\n";
      if (update) {
        Files.writeString(file, text, StandardCharsets.UTF_8);
      }
      assertThat(file).as("renew with -Dgolden.update=true").hasContent(text);
    }
    String promtool = new PromtoolTestWriter(states).write(cases(new PromtoolTestWriter(states)));
    if (update) {
      Files.writeString(PROMTOOL_TEST, promtool, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(PROMTOOL_TEST))
        .as("renew with -Dgolden.update=true")
        .isEqualTo(promtool);
  }

  private static List<Case> cases(PromtoolTestWriter w) {
    List<Case> cases = new ArrayList<>();
    List<String> alerts =
        List.of(
            "UnifiControllerDown",
            "UnifiDeviceDisconnected",
            "UnifiNodePortDown",
            "UnifiNodePortSlow",
            "UnifiWanDown",
            "UnifiLoginFailures");
    List<Check> quiet = new ArrayList<>();
    for (String alert : alerts) {
      quiet.add(new Check("60m", alert, List.of()));
    }
    cases.add(
        new Case("a healthy network raises nothing", List.of(new Segment("healthy", 61)), quiet));

    Map<String, String> ap = w.series("device_down", "unifi_device_up", Map.of(), "0");
    String apName = ap.get("name");
    cases.add(
        new Case(
            "an access point disconnected",
            List.of(new Segment("healthy", 10), new Segment("device_down", 20)),
            List.of(
                new Check("13m", "UnifiDeviceDisconnected", List.of()),
                new Check(
                    "20m",
                    "UnifiDeviceDisconnected",
                    List.of(
                        expected(
                            ap,
                            "warning",
                            Map.of(
                                "summary", "UniFi uap " + apName + " is disconnected",
                                "description",
                                    "The controller home has lost "
                                        + apName
                                        + " ("
                                        + ap.get("mac")
                                        + ", site default) for 5m; clients behind it are cut off.",
                                "checks",
                                    "Power and uplink of the device (PoE budget of the switch it hangs"
                                        + " on); its state code in unifi_device_state tells"
                                        + " upgrading, provisioning or heartbeat missed apart.")))))));

    Map<String, String> nodePort =
        w.series("node_port_down", "unifi_node_port_info", Map.of("host", RecordedNetwork.NODE));
    String mac = nodePort.get("mac");
    cases.add(
        new Case(
            "the switch port of a cluster node lost its link",
            List.of(new Segment("healthy", 10), new Segment("node_port_down", 10)),
            List.of(
                new Check("10m", "UnifiNodePortDown", List.of()),
                new Check(
                    "12m",
                    "UnifiNodePortDown",
                    List.of(
                        expected(
                            nodePort,
                            "critical",
                            Map.of(
                                "summary", "Switch port of pi1 is down",
                                "description",
                                    "Port 1 of switch "
                                        + mac
                                        + " (site default), where pi1 is"
                                        + " plugged in, has had no link for 1m: the node is off the"
                                        + " network and the VIP should have moved.",
                                "checks",
                                    "The node's power and cable; the port's PoE and its"
                                        + " configuration in the controller.")))))));

    cases.add(
        new Case(
            "the switch port of a cluster node renegotiated to 100 Mbit/s",
            List.of(new Segment("healthy", 30), new Segment("node_port_slow", 20)),
            List.of(
                new Check("33m", "UnifiNodePortSlow", List.of()),
                new Check(
                    "40m",
                    "UnifiNodePortSlow",
                    List.of(
                        expected(
                            nodePort,
                            "warning",
                            Map.of(
                                "summary", "Switch port of pi1 renegotiated to 100Mbit/s",
                                "description",
                                    "Port 1 of switch "
                                        + mac
                                        + ", where pi1 is plugged in, runs at"
                                        + " 100Mbit/s, below its best speed of the last 1d, for 5m:"
                                        + " replication and failover traffic slow down.",
                                "checks",
                                    "A damaged cable or a loose plug renegotiates to 100 Mbit/s;"
                                        + " the port's error counters in the controller;"
                                        + " energy-saving settings of the node's NIC.")))))));

    Map<String, String> wan = new TreeMap<>(PromtoolTestWriter.SCRAPE_LABELS);
    wan.remove("cluster");
    wan.remove("node");
    wan.put("target", "home");
    wan.put("site", "default");
    cases.add(
        new Case(
            "the internet is down at the site",
            List.of(new Segment("healthy", 10), new Segment("wan_down", 10)),
            List.of(
                new Check("11m", "UnifiWanDown", List.of()),
                new Check(
                    "14m",
                    "UnifiWanDown",
                    List.of(
                        expected(
                            wan,
                            "critical",
                            Map.of(
                                "summary", "Internet down at UniFi site default",
                                "description",
                                    "The gateway of site default (home) reports its WAN or the"
                                        + " internet as not ok for 2m. Alerts may not reach"
                                        + " Telegram until it is back.",
                                "checks",
                                    "The modem and the ISP; unifi_wan_latency_seconds and the WAN"
                                        + " port of the gateway on the network dashboard.")))))));

    Map<String, String> up = w.series("controller_down", "unifi_up", Map.of("target", "home"));
    cases.add(
        new Case(
            "the controller cannot be read",
            List.of(new Segment("healthy", 10), new Segment("controller_down", 10)),
            List.of(
                new Check("13m", "UnifiControllerDown", List.of()),
                new Check("13m", "UnifiDeviceDisconnected", List.of()),
                new Check(
                    "16m",
                    "UnifiControllerDown",
                    List.of(
                        expected(
                            up,
                            "warning",
                            Map.of(
                                "summary", "UniFi controller home cannot be read",
                                "description",
                                    "The exporter on n1 has not read controller home for 5m: it is"
                                        + " unreachable, refuses the login, limits logins, or its"
                                        + " certificate changed. Device and WAN alerts are blind"
                                        + " meanwhile.",
                                "checks",
                                    "The exporter's log and landing page name the reason"
                                        + " (unifi_scrape_errors_total by reason); is the console up,"
                                        + " and did a firmware update change its certificate"
                                        + " (pinned_sha256)?")))))));

    Map<String, String> failures =
        w.series("login_refused_4", "unifi_login_failures_total", Map.of("controller", "home"));
    cases.add(
        new Case(
            "logins are refused again and again",
            List.of(
                new Segment("healthy", 5),
                new Segment("login_refused_1", 5),
                new Segment("login_refused_2", 5),
                new Segment("login_refused_3", 5),
                new Segment("login_refused_4", 5)),
            List.of(
                new Check("12m", "UnifiLoginFailures", List.of()),
                new Check(
                    "21m",
                    "UnifiLoginFailures",
                    List.of(
                        expected(
                            failures,
                            "warning",
                            Map.of(
                                "summary", "Logins to UniFi controller home are failing",
                                "description",
                                    "The controller home refused 4 logins of the exporter on n1"
                                        + " within 30m (wrong password, 2FA, or its login rate"
                                        + " limit). The exporter backs off, so no login storm"
                                        + " follows.",
                                "checks",
                                    "The exporter's log says why; unifi_login_backoff_seconds shows"
                                        + " the pause. Use a local account without 2FA or an API"
                                        + " key; another tool logging in often also trips the"
                                        + " limit.")))))));
    return cases;
  }

  private static Expected expected(
      Map<String, String> series, String severity, Map<String, String> annotations) {
    Map<String, String> labels = new TreeMap<>(series);
    labels.put("severity", severity);
    return new Expected(labels, annotations);
  }
}
