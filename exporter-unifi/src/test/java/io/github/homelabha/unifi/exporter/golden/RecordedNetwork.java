package io.github.homelabha.unifi.exporter.golden;

import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.RunningExporter;
import io.github.homelabha.unifi.exporter.UnifiExporter;
import io.github.homelabha.unifi.simulator.SimulatorSettings;
import io.github.homelabha.unifi.simulator.UnifiSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;

/**
 * Runs the real exporter against the simulator (frozen time, so every run reads the same) through
 * the faults the alert rules are about, and keeps each state's exposition: the recorded input of
 * the rules' promtool tests.
 */
final class RecordedNetwork {
  /** The families the alert rules read; the recording keeps only these. */
  static final Set<String> RULE_FAMILIES =
      Set.of(
          "unifi_up",
          "unifi_device_up",
          "unifi_port_up",
          "unifi_port_speed_bits_per_second",
          "unifi_node_port_info",
          "unifi_subsystem_up",
          "unifi_login_failures_total",
          "unifi_login_attempts_total");

  static final String NODE = "pi1";
  static final int NODE_PORT = 1;

  /** Scenario name to its exposition lines (sorted, {@code name{labels} value}). */
  static Map<String, List<String>> record(Path dir) throws Exception {
    Map<String, List<String>> states = new LinkedHashMap<>();
    Path password = Files.writeString(dir.resolve("password"), "password\n");
    try (UnifiSimulator sim = UnifiSimulator.start(settings())) {
      String ap = sim.deviceMacs("default").get(5);
      String sw = sim.deviceMacs("default").get(1);
      Path config = config(dir.resolve("good.yml"), sim, password, sw, "30s");
      try (RunningExporter exporter =
          RunningExporter.start(
              new UnifiExporter(), "--config.file=" + config, "--scrape.timeout=60s")) {
        // The first scrape of a cold JVM on a busy machine may miss its deadline: wait for one.
        Awaitility.await()
            .atMost(Duration.ofMinutes(2))
            .until(() -> exporter.scrape("/probe?target=home").valueOf("unifi_up") == 1);
        states.put("healthy", read(exporter, sw));
        sim.setDeviceState("default", ap, 0);
        states.put("device_down", read(exporter, sw));
        sim.setDeviceState("default", ap, 1);
        sim.setPort("default", sw, NODE_PORT, false, 0);
        states.put("node_port_down", read(exporter, sw));
        sim.setPort("default", sw, NODE_PORT, true, 100);
        states.put("node_port_slow", read(exporter, sw));
        sim.setPort("default", sw, NODE_PORT, true, 1000);
        sim.setWanStatus("default", "error");
        states.put("wan_down", read(exporter, sw));
        sim.setWanStatus("default", "ok");
        sim.close();
        states.put("controller_down", read(exporter, sw));
      }
    }
    try (UnifiSimulator sim = UnifiSimulator.start(settings())) {
      String sw = sim.deviceMacs("default").get(1);
      Path wrong = Files.writeString(dir.resolve("wrong"), "wrong\n");
      // A back-off of 1 ms lets every scrape try again, as many hours of the real back-off would.
      Path config = config(dir.resolve("bad.yml"), sim, wrong, sw, "1ms");
      try (RunningExporter exporter =
          RunningExporter.start(
              new UnifiExporter(), "--config.file=" + config, "--scrape.timeout=60s")) {
        for (int i = 1; i <= 4; i++) {
          Thread.sleep(2);
          states.put("login_refused_" + i, read(exporter, sw));
        }
      }
    }
    return states;
  }

  private static SimulatorSettings settings() {
    SimulatorSettings s = new SimulatorSettings();
    s.devices = 6;
    s.clients = 20;
    s.frozenTime = true;
    s.seed = 7;
    return s;
  }

  private static Path config(
      Path file, UnifiSimulator sim, Path password, String sw, String backoff) throws Exception {
    return Files.writeString(
        file,
        String.join(
            "\n",
            "controllers:",
            "  - name: home",
            "    url: " + sim.baseUrl(),
            "    username: admin",
            "    password_file: " + password,
            "    backoff: {auth: "
                + backoff
                + ", rate_limited: "
                + backoff
                + ", max: "
                + backoff
                + "}",
            "    tls_config:",
            "      pinned_sha256: \"" + sim.fingerprint() + "\"",
            "    node_ports:",
            "      - {node: " + NODE + ", device: \"" + sw + "\", port: " + NODE_PORT + "}",
            ""));
  }

  /**
   * The controller's target first, then the login counters (the sessions target), so the counters
   * include this scrape's login. Port series only of the node's port.
   */
  private static List<String> read(RunningExporter exporter, String nodeSwitch) throws Exception {
    Set<String> lines = new TreeSet<>();
    for (String target : List.of("home", "sessions")) {
      ParsedMetrics m = exporter.scrape("/probe?target=" + target);
      for (ParsedMetrics.Family f : m.families()) {
        for (ParsedMetrics.Sample s : f.samples()) {
          if (!RULE_FAMILIES.contains(s.name())) {
            continue;
          }
          if (s.name().startsWith("unifi_port_")
              && !(nodeSwitch.equals(s.labels().get("mac"))
                  && Integer.toString(NODE_PORT).equals(s.labels().get("port")))) {
            continue;
          }
          Map<String, String> labels = new LinkedHashMap<>(s.labels());
          labels.putIfAbsent("target", target);
          lines.add(line(s.name(), labels, s.value()));
        }
      }
    }
    return List.copyOf(lines);
  }

  static String line(String name, Map<String, String> labels, double value) {
    StringBuilder sb = new StringBuilder(name).append('{');
    new java.util.TreeMap<>(labels)
        .forEach((k, v) -> sb.append(k).append("=\"").append(v).append("\","));
    if (sb.charAt(sb.length() - 1) == ',') {
      sb.setLength(sb.length() - 1);
    }
    sb.append("} ");
    sb.append(
        value == Math.rint(value) && Math.abs(value) < 1e15
            ? Long.toString((long) value)
            : String.format(Locale.ROOT, "%s", value));
    return sb.toString();
  }
}
