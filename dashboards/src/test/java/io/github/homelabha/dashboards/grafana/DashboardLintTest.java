package io.github.homelabha.dashboards.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Conventions that make a dashboard work both when imported from a file or grafana.com (the {@code
 * __inputs} datasource prompt) and when provisioned from disk (a datasource-type variable named
 * like the input), on any user's Grafana and hosts.
 */
class DashboardLintTest {

  private static final String DS_REFERENCE = "${DS_PROMETHEUS}";
  private static final Pattern HARD_CODED_HOST =
      Pattern.compile(
          "(instance|node|cluster)\\s*=~?\\s*\"[^$\"]"
              + "|\\b\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\b|:\\d{4,5}\\b");
  private static final Map<String, JsonNode> DASHBOARDS = Dashboards.all();

  @Test
  void shipsTheDashboards() {
    assertThat(DASHBOARDS.keySet())
        .containsExactlyInAnyOrder(
            "ha-overview.json",
            "keepalived.json",
            "sync.json",
            "adguard.json",
            "unifi.json",
            "failover-drill.json");
  }

  @Test
  void importableAndProvisionable() {
    DASHBOARDS.forEach(
        (name, dashboard) -> {
          JsonNode input = dashboard.path("__inputs").path(0);
          assertThat(input.path("name").asText()).as(name + " __inputs").isEqualTo("DS_PROMETHEUS");
          assertThat(input.path("pluginId").asText()).as(name).isEqualTo("prometheus");
          assertThat(dashboard.path("id").isNull()).as(name + " id must be null").isTrue();
          assertThat(dashboard.path("uid").asText()).as(name + " uid").startsWith("homelabha-");

          JsonNode dsVariable = variable(dashboard, "DS_PROMETHEUS");
          assertThat(dsVariable).as(name + ": datasource variable DS_PROMETHEUS").isNotNull();
          assertThat(dsVariable.path("type").asText()).isEqualTo("datasource");
          assertThat(dsVariable.path("query").asText()).isEqualTo("prometheus");

          Set<String> required = new HashSet<>();
          dashboard.path("__requires").forEach(r -> required.add(r.path("id").asText()));
          assertThat(required).as(name + " __requires").contains("grafana", "prometheus");
          for (JsonNode panel : Dashboards.panels(dashboard)) {
            if (!"row".equals(panel.path("type").asText())) {
              assertThat(required)
                  .as(name + ": __requires lists panel type")
                  .contains(panel.path("type").asText());
            }
          }
        });
  }

  @Test
  void everyPanelTargetVariableAndAnnotationUsesTheDatasourceVariable() {
    DASHBOARDS.forEach(
        (name, dashboard) -> {
          for (JsonNode panel : Dashboards.panels(dashboard)) {
            if ("row".equals(panel.path("type").asText())) {
              continue;
            }
            String where = name + " panel " + panel.path("id");
            assertThat(panel.path("datasource").path("uid").asText())
                .as(where)
                .isEqualTo(DS_REFERENCE);
            assertThat(panel.path("targets")).as(where + " targets").isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
              assertThat(target.path("datasource").path("uid").asText())
                  .as(where + " target " + target.path("refId"))
                  .isEqualTo(DS_REFERENCE);
            }
          }
          for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
              assertThat(variable.path("datasource").path("uid").asText())
                  .as(name + " variable " + variable.path("name"))
                  .isEqualTo(DS_REFERENCE);
            }
          }
          for (JsonNode annotation : dashboard.path("annotations").path("list")) {
            if (annotation.has("expr")) {
              assertThat(annotation.path("datasource").path("uid").asText())
                  .as(name + " annotation " + annotation.path("name"))
                  .isEqualTo(DS_REFERENCE);
            }
          }
        });
  }

  @Test
  void noDatasourceUidOtherThanTheVariable() {
    DASHBOARDS.forEach(
        (name, dashboard) -> {
          List<String> uids =
              dashboard.findValues("uid").stream()
                  .map(JsonNode::asText)
                  .filter(uid -> !uid.equals(dashboard.path("uid").asText()))
                  .filter(uid -> !uid.equals("-- Grafana --"))
                  .toList();
          assertThat(uids).as(name + " datasource uids").containsOnly(DS_REFERENCE);
        });
  }

  @Test
  void panelIdsAreUniqueAndPanelsArePlaced() {
    DASHBOARDS.forEach(
        (name, dashboard) -> {
          List<JsonNode> panels = Dashboards.panels(dashboard);
          Set<Integer> ids = new HashSet<>();
          for (JsonNode panel : panels) {
            assertThat(ids.add(panel.path("id").asInt(-1)))
                .as(name + ": duplicate panel id " + panel.path("id"))
                .isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("w").asInt()).as(name + " panel width").isBetween(1, 24);
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).isLessThanOrEqualTo(24);
            if (!"row".equals(panel.path("type").asText())) {
              assertThat(panel.path("title").asText()).as(name + " panel title").isNotBlank();
              assertThat(panel.path("description").asText())
                  .as(name + " panel " + panel.path("title") + " says what it shows")
                  .isNotBlank();
            }
          }
          assertThat(ids).doesNotContain(-1);
        });
  }

  @Test
  void noHardCodedHostsInstancesOrPorts() {
    for (Dashboards.Query query : Dashboards.queries()) {
      assertThat(HARD_CODED_HOST.matcher(query.expr()).find())
          .as(query.dashboard() + " " + query.where() + " hard-codes a host: " + query.expr())
          .isFalse();
    }
  }

  @Test
  void templatingOffersClusterAndFiltersEveryQueryByIt() {
    DASHBOARDS.forEach(
        (name, dashboard) -> {
          JsonNode cluster = variable(dashboard, "cluster");
          assertThat(cluster).as(name + " has a cluster variable").isNotNull();
          assertThat(cluster.path("query").path("query").asText()).startsWith("label_values(");
        });
    for (Dashboards.Query query : Dashboards.queries()) {
      if (!query.where().equals("variable cluster")) {
        assertThat(query.expr())
            .as(query.dashboard() + " " + query.where() + " filters by $cluster")
            .contains("cluster=\"$cluster\"");
      }
    }
  }

  private static JsonNode variable(JsonNode dashboard, String name) {
    return StreamSupport.stream(dashboard.path("templating").path("list").spliterator(), false)
        .filter(v -> name.equals(v.path("name").asText()))
        .findFirst()
        .orElse(null);
  }
}
