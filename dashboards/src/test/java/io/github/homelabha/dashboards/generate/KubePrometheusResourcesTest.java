package io.github.homelabha.dashboards.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.homelabha.dashboards.grafana.Dashboards;
import io.github.homelabha.dashboards.rules.RuleFiles;
import io.github.homelabha.dashboards.support.Bundle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kube-prometheus variants carry exactly the rendered rules and dashboards. */
class KubePrometheusResourcesTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void prometheusRuleHoldsEveryRenderedGroupUnchanged() throws IOException {
    JsonNode resource =
        YAML.readTree(Bundle.output("kube-prometheus/prometheus-rule.yaml").toFile());
    assertThat(resource.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(resource.path("kind").asText()).isEqualTo("PrometheusRule");
    assertThat(resource.path("metadata").path("labels").path("role").asText())
        .isEqualTo("alert-rules");

    ArrayNode expected = YAML.createArrayNode();
    for (Path file : RuleFiles.renderedRules()) {
      expected.addAll((ArrayNode) YAML.readTree(file.toFile()).get("groups"));
    }
    assertThat(resource.path("spec").path("groups")).isEqualTo(expected);
  }

  @Test
  void oneSidecarConfigMapPerDashboardWithTheSameJson() throws IOException {
    JsonNode list =
        YAML.readTree(Bundle.output("kube-prometheus/grafana-dashboards.yaml").toFile());
    Map<String, JsonNode> dashboards = Dashboards.all();
    assertThat(list.path("items")).hasSize(dashboards.size());
    for (JsonNode configMap : list.path("items")) {
      assertThat(configMap.path("kind").asText()).isEqualTo("ConfigMap");
      JsonNode sidecarLabel = configMap.path("metadata").path("labels").path("grafana_dashboard");
      assertThat(sidecarLabel.isTextual()).as("label values are YAML strings").isTrue();
      assertThat(sidecarLabel.asText()).isEqualTo("1");
      String fileName = configMap.path("data").fieldNames().next();
      assertThat(JSON.readTree(configMap.path("data").path(fileName).asText()))
          .isEqualTo(dashboards.get(fileName));
      assertThat(configMap.path("metadata").path("name").asText())
          .isEqualTo("homelab-ha-dashboard-" + dashboards.get(fileName).path("uid").asText());
    }
  }
}
