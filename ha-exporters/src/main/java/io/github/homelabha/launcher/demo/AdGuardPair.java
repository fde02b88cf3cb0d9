package io.github.homelabha.launcher.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two simulated AdGuard Home instances, one per cluster node, answering live queries; every few
 * minutes one of them drifts (a user rule and a rewrite appear on it alone) and is repaired half a
 * period later, so the drift metrics have something to show.
 */
final class AdGuardPair implements AutoCloseable {
  static final String MAIN_CLASS = "io.github.homelabha.adguard.simulator.AdGuardSimulator";
  private static final String USER = "prometheus";

  private final List<ChildProcess> processes;
  private final Map<String, Object> section;

  private AdGuardPair(List<ChildProcess> processes, Map<String, Object> section) {
    this.processes = processes;
    this.section = section;
  }

  static AdGuardPair start(Path dir) throws IOException, InterruptedException {
    byte[] secret = new byte[12];
    new SecureRandom().nextBytes(secret);
    Path password = JavaChild.secretFile(dir.resolve("password"), HexFormat.of().formatHex(secret));
    List<ChildProcess> processes = new ArrayList<>();
    List<Map<String, Object>> instances = new ArrayList<>();
    try {
      String[][] nodes = {{"pi-a", "4m"}, {"pi-b", "6m"}};
      for (String[] node : nodes) {
        int port = JavaChild.freeLoopbackPort();
        processes.add(
            JavaChild.start(
                "adguard " + node[0],
                dir.resolve(node[0] + ".log"),
                MAIN_CLASS,
                List.of(
                    "--listen-address=127.0.0.1:" + port,
                    "--username=" + USER,
                    "--password-file=" + password,
                    "--query-rate=5",
                    // about an hour of queries: the query log stays small on a Pi
                    "--querylog-capacity=20000",
                    "--drift-period=" + node[1],
                    "--name=" + node[0])));
        JavaChild.awaitListening(processes.get(processes.size() - 1), port);
        Map<String, Object> instance = new LinkedHashMap<>();
        instance.put("name", node[0]);
        instance.put("url", "http://127.0.0.1:" + port);
        instance.put("username", USER);
        instance.put("password_file", password.toString());
        instances.add(instance);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      processes.forEach(ChildProcess::close);
      throw e;
    }
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("instances", instances);
    return new AdGuardPair(processes, section);
  }

  /** The exporter's configuration section for this pair. */
  Map<String, Object> exporterSection() {
    return section;
  }

  String describe() {
    return "two simulated AdGuard Home instances (pi-a, pi-b) with live queries; one drifts from"
        + " the other every few minutes and is repaired";
  }

  @Override
  public void close() {
    processes.forEach(ChildProcess::close);
  }
}
