package io.github.homelabha.dashboards.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The same rules and dashboards as Kubernetes resources for the Prometheus Operator
 * (kube-prometheus, kube-prometheus-stack): one PrometheusRule and one ConfigMap per dashboard,
 * labelled for the Grafana dashboard sidecar.
 */
final class KubePrometheusResources {

  static final String NAME = "homelab-ha";

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              // Kubernetes label values are strings: grafana_dashboard: "1", never 1
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .build());
  private static final ObjectMapper JSON = new ObjectMapper();

  private KubePrometheusResources() {}

  /** One PrometheusRule holding the groups of all rendered rule files. */
  static String prometheusRule(Map<String, String> renderedRuleFiles) {
    ObjectNode rule = JSON.createObjectNode();
    rule.put("apiVersion", "monitoring.coreos.com/v1");
    rule.put("kind", "PrometheusRule");
    ObjectNode metadata = rule.putObject("metadata");
    metadata.put("name", NAME + "-rules");
    ObjectNode labels = metadata.putObject("labels");
    // kube-prometheus (jsonnet) selects rules by these two labels; kube-prometheus-stack by its
    // release label, which users add (see the README).
    labels.put("prometheus", "k8s");
    labels.put("role", "alert-rules");
    labels.put("app.kubernetes.io/part-of", NAME);
    ArrayNode groups = rule.putObject("spec").putArray("groups");
    renderedRuleFiles.forEach(
        (name, text) -> {
          try {
            groups.addAll((ArrayNode) YAML.readTree(text).get("groups"));
          } catch (IOException e) {
            throw new UncheckedIOException(name, e);
          }
        });
    return write(rule);
  }

  /** A v1 List of ConfigMaps, one per dashboard, keyed by the dashboard's uid. */
  static String dashboardConfigMaps(Map<String, JsonNode> dashboardsByFileName) {
    ObjectNode list = JSON.createObjectNode();
    list.put("apiVersion", "v1");
    list.put("kind", "List");
    ArrayNode items = list.putArray("items");
    dashboardsByFileName.forEach(
        (fileName, dashboard) -> {
          ObjectNode map = items.addObject();
          map.put("apiVersion", "v1");
          map.put("kind", "ConfigMap");
          ObjectNode metadata = map.putObject("metadata");
          metadata.put("name", NAME + "-dashboard-" + dashboard.path("uid").asText());
          ObjectNode labels = metadata.putObject("labels");
          labels.put("grafana_dashboard", "1");
          labels.put("app.kubernetes.io/part-of", NAME);
          try {
            map.putObject("data")
                .put(fileName, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(dashboard));
          } catch (IOException e) {
            throw new UncheckedIOException(fileName, e);
          }
        });
    return write(list);
  }

  private static String write(JsonNode node) {
    try {
      return YAML.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
