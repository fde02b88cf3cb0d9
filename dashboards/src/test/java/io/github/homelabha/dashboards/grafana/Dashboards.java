package io.github.homelabha.dashboards.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.homelabha.dashboards.support.Bundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The generated dashboards and everything in them a check needs: panels and queries. */
public final class Dashboards {

  /** One PromQL query of a dashboard, with where it came from for error messages. */
  public record Query(String dashboard, String where, String expr) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private Dashboards() {}

  /** File name to parsed dashboard. */
  public static Map<String, JsonNode> all() {
    Map<String, JsonNode> dashboards = new TreeMap<>();
    try (Stream<Path> files = Files.list(Bundle.output("grafana/dashboards"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        dashboards.put(file.getFileName().toString(), JSON.readTree(file.toFile()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dashboards;
  }

  /** Every panel, rows' nested panels included. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    }
    return panels;
  }

  /**
   * Every PromQL expression: panel targets, annotation queries, and the series selector inside
   * {@code label_values(selector, label)} variable queries.
   */
  public static List<Query> queries() {
    List<Query> queries = new ArrayList<>();
    all()
        .forEach(
            (name, dashboard) -> {
              for (JsonNode panel : panels(dashboard)) {
                for (JsonNode target : panel.path("targets")) {
                  queries.add(
                      new Query(
                          name,
                          "panel " + panel.path("id") + " \"" + panel.path("title").asText() + "\"",
                          target.path("expr").asText()));
                }
              }
              for (JsonNode annotation : dashboard.path("annotations").path("list")) {
                if (annotation.has("expr")) {
                  queries.add(
                      new Query(
                          name,
                          "annotation \"" + annotation.path("name").asText() + "\"",
                          annotation.path("expr").asText()));
                }
              }
              for (JsonNode variable : dashboard.path("templating").path("list")) {
                if ("query".equals(variable.path("type").asText())) {
                  queries.add(
                      new Query(
                          name,
                          "variable " + variable.path("name").asText(),
                          LabelValues.selector(variable.path("query").path("query").asText())));
                }
              }
            });
    return queries;
  }
}
