package io.github.homelabha.dashboards.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Build step (exec-maven-plugin, process-classes): renders the one source of rules and dashboards
 * into every shipped variant.
 *
 * <pre>
 *   SOURCE/rules/parameters.yml + *.rules.yml  ->  OUT/prometheus/rules/*.rules.yml
 *   SOURCE/grafana/*.json                      ->  OUT/grafana/dashboards/*.json
 *   both                                       ->  OUT/kube-prometheus/{prometheus-rule,grafana-dashboards}.yaml
 * </pre>
 */
public final class BundleGenerator {

  private final Path sourceRoot;
  private final Path outputRoot;

  public BundleGenerator(Path sourceRoot, Path outputRoot) {
    this.sourceRoot = sourceRoot;
    this.outputRoot = outputRoot;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: BundleGenerator SOURCE_ROOT OUTPUT_ROOT");
      System.exit(2);
    }
    new BundleGenerator(Path.of(args[0]), Path.of(args[1])).generate();
  }

  public void generate() throws IOException {
    // Start from empty output directories: a renamed or deleted source must not live on as a
    // stale generated file.
    for (String generated : List.of("prometheus/rules", "grafana/dashboards", "kube-prometheus")) {
      deleteFiles(outputRoot.resolve(generated));
    }
    RuleRenderer renderer = new RuleRenderer(sourceRoot.resolve("rules"));
    Map<String, String> rules = renderer.render(renderer.defaultParameters());
    Path rulesOut = Files.createDirectories(outputRoot.resolve("prometheus/rules"));
    for (Map.Entry<String, String> rule : rules.entrySet()) {
      Files.writeString(rulesOut.resolve(rule.getKey()), rule.getValue());
    }

    Map<String, JsonNode> dashboards = readDashboards(sourceRoot.resolve("grafana"));
    Path dashboardsOut = Files.createDirectories(outputRoot.resolve("grafana/dashboards"));
    ObjectMapper json = new ObjectMapper();
    for (Map.Entry<String, JsonNode> dashboard : dashboards.entrySet()) {
      Files.writeString(
          dashboardsOut.resolve(dashboard.getKey()),
          json.writerWithDefaultPrettyPrinter().writeValueAsString(dashboard.getValue()) + "\n");
    }

    Path kubeOut = Files.createDirectories(outputRoot.resolve("kube-prometheus"));
    Files.writeString(
        kubeOut.resolve("prometheus-rule.yaml"), KubePrometheusResources.prometheusRule(rules));
    Files.writeString(
        kubeOut.resolve("grafana-dashboards.yaml"),
        KubePrometheusResources.dashboardConfigMaps(dashboards));
  }

  private static void deleteFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
  }

  private static Map<String, JsonNode> readDashboards(Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, JsonNode> dashboards = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (Path file : files) {
      try {
        dashboards.put(file.getFileName().toString(), json.readTree(file.toFile()));
      } catch (IOException e) {
        throw new UncheckedIOException("dashboard " + file + " is not valid JSON", e);
      }
    }
    if (dashboards.isEmpty()) {
      throw new IllegalArgumentException("no dashboards in " + dir);
    }
    return dashboards;
  }
}
