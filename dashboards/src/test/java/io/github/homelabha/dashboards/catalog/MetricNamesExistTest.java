package io.github.homelabha.dashboards.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.homelabha.dashboards.grafana.Dashboards;
import io.github.homelabha.dashboards.rules.RuleFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every metric a rule or a dashboard reads exists: in our exporters' generated catalogs, in the
 * documented external list, or as one of our recording rules. A renamed metric in an exporter
 * breaks this build, not a user's dashboard.
 */
class MetricNamesExistTest {

  /** {@code query (printf "expr with %q" ...)} in annotation templates. */
  private static final Pattern ANNOTATION_QUERY =
      Pattern.compile("query\\s+\\(printf\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");

  @Test
  void everyMetricUsedByRulesAndDashboardsExists() {
    Map<String, String> known = MetricCatalogs.known();
    Set<String> recorded = new TreeSet<>();
    List<String[]> uses = new ArrayList<>(); // {origin, expr}
    for (JsonNode rule : RuleFiles.rules()) {
      String name = rule.has("alert") ? rule.get("alert").asText() : rule.path("record").asText();
      if (rule.has("record")) {
        recorded.add(name);
      }
      uses.add(new String[] {"rule " + name, rule.path("expr").asText()});
      rule.path("annotations")
          .forEach(
              annotation -> {
                Matcher matcher = ANNOTATION_QUERY.matcher(annotation.asText());
                while (matcher.find()) {
                  uses.add(
                      new String[] {
                        "annotation query of " + name,
                        matcher.group(1).replace("\\\"", "\"").replace("%q", "\"x\"")
                      });
                }
              });
    }
    for (Dashboards.Query query : Dashboards.queries()) {
      uses.add(new String[] {query.dashboard() + " " + query.where(), query.expr()});
    }

    List<String> unknown = new ArrayList<>();
    Set<String> used = new TreeSet<>();
    for (String[] use : uses) {
      for (String metric : PromqlMetricNames.of(use[1])) {
        used.add(metric);
        if (!known.containsKey(metric) && !recorded.contains(metric)) {
          unknown.add(metric + " (" + use[0] + ")");
        }
      }
    }

    assertThat(unknown).as("metrics in no catalog").isEmpty();
    assertThat(used)
        .as("sanity: the check saw the core metrics")
        .contains(
            "keepalived_vrrp_instance_state",
            "keepalived_vrrp_last_transition_info",
            "sync_lag_seconds",
            "probe_success");
    assertThat(recorded).isNotEmpty();
  }

  @Test
  void extractsOnlyMetricNames() {
    assertThat(
            PromqlMetricNames.of(
                "topk by (cluster, iname) (1, max_over_time(a_state{x=\"b_c\"}[15m]) == bool 2)"
                    + " unless on(node) group_left(reason) rec:x:info offset 5m * 1e3 + sum without(le) (c_total)"))
        .containsExactlyInAnyOrder("a_state", "rec:x:info", "c_total");
    assertThat(
            PromqlMetricNames.of("label_replace(m, \"previous_node\", \"$1\", \"node\", \"(.*)\")"))
        .containsExactly("m");
  }
}
