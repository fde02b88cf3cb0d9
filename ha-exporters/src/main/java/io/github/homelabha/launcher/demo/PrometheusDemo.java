package io.github.homelabha.launcher.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Prometheus with the bundle's alert and recording rules (as shipped by the dashboards module)
 * scraping the demo's exporters every 5 s, its data in the demo's workspace.
 */
final class PrometheusDemo implements AutoCloseable {
  /** The rendered rule files on the classpath, from the dashboards module. */
  static final List<String> RULE_FILES =
      List.of("keepalived.rules.yml", "sync.rules.yml", "monitoring.rules.yml");

  static final int DEFAULT_PORT = 9090;

  private final ChildProcess process;

  private PrometheusDemo(ChildProcess process) {
    this.process = process;
  }

  /**
   * Starts Prometheus scraping {@code jobs} (job name to the exporter's default port). Returns null
   * with a message on standard error when it exits at once (e.g. its port is taken).
   */
  static PrometheusDemo start(
      Path binary, Path dir, DemoOptions options, Map<String, Integer> jobs, String node)
      throws IOException, InterruptedException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    for (String name : RULE_FILES) {
      try (InputStream in = PrometheusDemo.class.getResourceAsStream("/prometheus/rules/" + name)) {
        if (in != null) {
          Files.write(rules.resolve(name), in.readNBytes(1 << 20));
        }
      }
    }
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, config(rules, options, jobs, node));
    String listen = options.address(DEFAULT_PORT);
    ChildProcess p =
        ChildProcess.start(
            "prometheus",
            dir.resolve("prometheus.log"),
            List.of(
                binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--storage.tsdb.retention.time=2h",
                "--web.listen-address=" + (listen.startsWith(":") ? "0.0.0.0" + listen : listen)));
    if (p.exitsWithin(1500)) {
      System.err.println(
          "demo: Prometheus stopped at once (is port "
              + options.port(DEFAULT_PORT)
              + " taken?), its log: "
              + Files.readString(p.log()).lines().reduce((x, y) -> y).orElse(""));
      return null;
    }
    return new PrometheusDemo(p);
  }

  static String config(Path rules, DemoOptions options, Map<String, Integer> jobs, String node) {
    String host =
        options.listenHost().isEmpty() || options.listenHost().equals("0.0.0.0")
            ? "127.0.0.1"
            : options.listenHost().contains(":")
                ? "[" + options.listenHost() + "]"
                : options.listenHost();
    List<String> lines = new ArrayList<>();
    lines.add("global:");
    lines.add("  scrape_interval: 5s");
    lines.add("  evaluation_interval: 5s");
    lines.add("rule_files:");
    lines.add("  - " + rules + "/*.rules.yml");
    lines.add("scrape_configs:");
    jobs.forEach(
        (job, port) -> {
          lines.add("  - job_name: " + job);
          lines.add("    static_configs:");
          lines.add("      - targets: [\"" + host + ":" + options.port(port) + "\"]");
          lines.add("        labels: {cluster: demo, node: " + node + "}");
        });
    lines.add("  - job_name: prometheus");
    lines.add("    static_configs:");
    lines.add("      - targets: [\"" + host + ":" + options.port(DEFAULT_PORT) + "\"]");
    lines.add("        labels: {cluster: demo, node: " + node + "}");
    return String.join("\n", lines) + "\n";
  }

  @Override
  public void close() {
    process.close();
  }
}
