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
    for (JsonNode rule : RuleFiles.rules()) {
      if (rule.has("record")) {
        recorded.add(rule.get("record").asText());
      }
    }
    List<String[]> uses = uses();

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

  /** {origin, expression} of every rule, annotation query and dashboard query. */
  private static List<String[]> uses() {
    List<String[]> uses = new ArrayList<>();
    for (JsonNode rule : RuleFiles.rules()) {
      String name = rule.has("alert") ? rule.get("alert").asText() : rule.path("record").asText();
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
    return uses;
  }

  /**
   * Labels a selector matches on exist on that metric: the exporter's declared labels, the ones
   * every scrape config adds.
   */
  @Test
  void everyLabelMatchedOnAnExporterMetricExists() {
    Map<String, Set<String>> declared = MetricCatalogs.labels();
    Set<String> scrapeLabels = Set.of("cluster", "node", "job", "instance", "target");
    List<String> unknown = new ArrayList<>();
    int checked = 0;
    for (String[] use : uses()) {
      for (SelectorLabels.Selector selector : SelectorLabels.of(use[1])) {
        Set<String> labels = declared.get(selector.metric());
        if (labels == null) {
          continue; // recording rules and external metrics: covered by the name check
        }
        for (String label : selector.labels()) {
          checked++;
          if (!labels.contains(label) && !scrapeLabels.contains(label)) {
            unknown.add(selector.metric() + "{" + label + "} (" + use[0] + ")");
          }
        }
      }
    }
    assertThat(unknown).as("labels the metric does not have").isEmpty();
    assertThat(checked).isGreaterThan(50);
  }

  @Test
  void findsSelectorLabels() {
    assertThat(SelectorLabels.of("a{x=\"1\", y=~\"b|c\"} * on(n) b_total{z!=\"}\"}"))
        .containsExactly(
            new SelectorLabels.Selector("a", List.of("x", "y")),
            new SelectorLabels.Selector("b_total", List.of("z")));
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
