package io.github.homelabha.dashboards.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.homelabha.dashboards.rules.RuleFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The promtool unit tests feed only series the exporters really emit: every input series of an
 * exporter metric has the name and the label names of a recorded series (labels the scrape config
 * adds left aside), and the labels whose values are a fixed vocabulary ({@code reason}, {@code
 * role}) use a recorded value. This is what keeps a rule from being tested against a situation the
 * exporter never produces.
 */
class PromtoolInputsAreRecordedTest {

  /** Added by Prometheus and the scrape configs, not by an exporter. */
  private static final Set<String> SCRAPE_LABELS = Set.of("cluster", "node", "instance", "job");

  /** Label values from a fixed vocabulary: the recorded values are the only real ones. */
  private static final Set<String> VOCABULARY_LABELS = Set.of("reason", "role");

  @Test
  void everyInputSeriesOfAnExporterMetricWasRecorded() {
    List<GoldenSeries> recorded = GoldenExpositions.all();
    Set<String> namespaces = new TreeSet<>();
    Map<String, Set<Set<String>>> labelSets = new HashMap<>();
    Map<String, Set<String>> values = new HashMap<>();
    for (GoldenSeries series : recorded) {
      namespaces.add(series.name().substring(0, series.name().indexOf('_') + 1));
      // an empty label value is no label at all in Prometheus
      Set<String> present = new TreeSet<>();
      series
          .labels()
          .forEach(
              (label, value) -> {
                if (!value.isEmpty()) {
                  present.add(label);
                }
              });
      labelSets.computeIfAbsent(series.name(), n -> new java.util.HashSet<>()).add(present);
      series
          .labels()
          .forEach(
              (label, value) ->
                  values
                      .computeIfAbsent(series.name() + " " + label, k -> new TreeSet<>())
                      .add(value));
    }
    assertThat(namespaces).as("recorded exporters").contains("keepalived_", "sync_");

    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path file : RuleFiles.unitTests()) {
      for (JsonNode test : RuleFiles.read(file).path("tests")) {
        for (JsonNode input : test.path("input_series")) {
          GoldenSeries series = GoldenSeries.parse("", "", input.path("series").asText());
          if (namespaces.stream().noneMatch(series.name()::startsWith)) {
            continue; // Prometheus', Alertmanager's or the blackbox exporter's own metrics
          }
          checked++;
          Map<String, String> labels = new TreeMap<>(series.labels());
          labels.keySet().removeAll(SCRAPE_LABELS);
          String where = file.getFileName() + " '" + test.path("name").asText() + "': " + series;
          if (!labelSets
              .getOrDefault(series.name(), Set.of())
              .contains(new TreeSet<>(labels.keySet()))) {
            problems.add(
                where
                    + " -- no recorded series has this name and labels "
                    + labels.keySet()
                    + "; recorded: "
                    + labelSets.getOrDefault(series.name(), Set.of()));
            continue;
          }
          labels.forEach(
              (label, value) -> {
                Set<String> known = values.getOrDefault(series.name() + " " + label, Set.of());
                if (VOCABULARY_LABELS.contains(label) && !known.contains(value)) {
                  problems.add(
                      where
                          + " -- "
                          + label
                          + "=\""
                          + value
                          + "\" never recorded; recorded: "
                          + known);
                }
              });
        }
      }
    }
    assertThat(checked).isGreaterThan(20);
    assertThat(problems).as("promtool inputs the exporters do not emit").isEmpty();
  }
}
