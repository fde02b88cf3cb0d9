package io.github.homelabha.dashboards.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.homelabha.dashboards.generate.RuleRenderer;
import io.github.homelabha.dashboards.support.Bundle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a person reading the dashboards at 3 am on a phone needs, checked without a Grafana server:
 * a unit on every panel, colours (thresholds) on every state panel, legends below the graphs,
 * tables with named columns, the lag alert threshold drawn where the rule has it, firing alerts as
 * annotations, and provisioning files that point at the dashboards.
 */
class DashboardReadabilityTest {

  private static final Set<String> STATE_PANELS =
      Set.of("stat", "state-timeline", "status-history");

  @Test
  void everyPanelHasAUnitAndEveryStatePanelThresholds() {
    List<String> problems = new ArrayList<>();
    int panels = 0;
    for (Map.Entry<String, JsonNode> dashboard : Dashboards.all().entrySet()) {
      for (JsonNode panel : Dashboards.panels(dashboard.getValue())) {
        if ("row".equals(panel.path("type").asText())) {
          continue;
        }
        String where = dashboard.getKey() + " \"" + panel.path("title").asText() + "\"";
        JsonNode defaults = panel.path("fieldConfig").path("defaults");
        panels++;
        if (defaults.path("unit").asText().isEmpty()) {
          problems.add(where + ": no unit");
        }
        if (STATE_PANELS.contains(panel.path("type").asText())
            && defaults.path("thresholds").path("steps").size() < 2) {
          problems.add(where + ": a state panel without thresholds (every value the same colour)");
        }
        JsonNode legend = panel.path("options").path("legend");
        if (!legend.isMissingNode() && !"bottom".equals(legend.path("placement").asText())) {
          problems.add(where + ": legend not at the bottom (unreadable on a phone)");
        }
        if ("table".equals(panel.path("type").asText()) && !hasRenamingTransformation(panel)) {
          problems.add(where + ": a table showing raw label columns");
        }
      }
    }
    assertThat(panels).isGreaterThan(20);
    assertThat(problems).isEmpty();
  }

  @Test
  void lagPanelsDrawTheAlertThreshold() {
    String threshold =
        new RuleRenderer(Bundle.source("rules"))
            .defaultParameters()
            .asMap()
            .get("sync_lag_warning_seconds");
    int lagPanels = 0;
    for (Map.Entry<String, JsonNode> dashboard : Dashboards.all().entrySet()) {
      for (JsonNode panel : Dashboards.panels(dashboard.getValue())) {
        if (!panel.path("targets").toString().contains("sync_lag_seconds")) {
          continue;
        }
        lagPanels++;
        JsonNode defaults = panel.path("fieldConfig").path("defaults");
        List<String> values = new ArrayList<>();
        defaults
            .path("thresholds")
            .path("steps")
            .forEach(s -> values.add(s.path("value").asText()));
        assertThat(values).as(dashboard.getKey() + " lag threshold").contains(threshold);
        assertThat(defaults.path("custom").path("thresholdsStyle").path("mode").asText())
            .as(dashboard.getKey() + " lag threshold drawn")
            .contains("line");
      }
    }
    assertThat(lagPanels).isEqualTo(2);
  }

  /** A split brain must not look healthy: two MASTERs for one instance map to red. */
  @Test
  void masterTilesTurnRedOnASplitBrain() {
    JsonNode panel = panel("ha-overview", "MASTER now");
    assertThat(panel.path("targets").get(0).path("expr").asText())
        .contains("count by (cluster, iname, vrid)");
    JsonNode steps = panel.path("fieldConfig").path("defaults").path("thresholds").path("steps");
    assertThat(steps.get(steps.size() - 1).path("value").asInt()).isEqualTo(2);
    assertThat(steps.get(steps.size() - 1).path("color").asText()).isEqualTo("red");
    assertThat(panel.path("fieldConfig").path("defaults").path("mappings").toString())
        .contains("SPLIT BRAIN");
  }

  /** An unreachable exporter shows as DOWN instead of disappearing. */
  @Test
  void nodesReportingReadsPrometheusUp() {
    String expr =
        panel("ha-overview", "Nodes reporting").path("targets").get(0).path("expr").asText();
    assertThat(expr)
        .contains("up{cluster=\"$cluster\", job=\"keepalived\"")
        .contains("keepalived_up");
  }

  @Test
  void firingAlertsAreAnnotationsOnEveryDashboard() {
    Dashboards.all()
        .forEach(
            (name, dashboard) ->
                assertThat(dashboard.path("annotations").path("list").toString())
                    .as(name)
                    .contains("ALERTS{cluster=\\\"$cluster\\\", alertstate=\\\"firing\\\"}"));
  }

  @Test
  void provisioningFilesDeclareTheDefaultPrometheusAndTheDashboardDirectory() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    JsonNode datasources =
        yaml.readTree(Bundle.output("grafana/provisioning/datasources/homelab-ha.yaml").toFile());
    assertThat(datasources.path("apiVersion").asInt()).isEqualTo(1);
    JsonNode prometheus = datasources.path("datasources").get(0);
    assertThat(prometheus.path("type").asText()).isEqualTo("prometheus");
    assertThat(prometheus.path("isDefault").asBoolean()).isTrue();

    JsonNode providers =
        yaml.readTree(Bundle.output("grafana/provisioning/dashboards/homelab-ha.yaml").toFile());
    JsonNode provider = providers.path("providers").get(0);
    assertThat(provider.path("type").asText()).isEqualTo("file");
    String path = provider.path("options").path("path").asText();
    assertThat(path).startsWith("/");
    assertThat(java.nio.file.Files.readString(Bundle.module().resolve("README.md"))).contains(path);
  }

  private static boolean hasRenamingTransformation(JsonNode panel) {
    for (JsonNode transformation : panel.path("transformations")) {
      if ("organize".equals(transformation.path("id").asText())
          && transformation.path("options").path("renameByName").size() > 0) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode panel(String dashboard, String title) {
    for (JsonNode panel : Dashboards.panels(Dashboards.all().get(dashboard + ".json"))) {
      if (title.equals(panel.path("title").asText())) {
        return panel;
      }
    }
    throw new AssertionError("no panel " + title + " in " + dashboard);
  }
}
