package io.github.homelabha.dashboards.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.homelabha.dashboards.support.Bundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The rendered rule files and the promtool unit test files, read as YAML trees. */
public final class RuleFiles {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private RuleFiles() {}

  public static List<Path> renderedRules() {
    return list(Bundle.output("prometheus/rules"), ".rules.yml");
  }

  public static List<Path> unitTests() {
    return list(Bundle.testSource("promtool"), ".test.yml");
  }

  /** Every rule (alerting and recording) of the rendered files. */
  public static List<JsonNode> rules() {
    List<JsonNode> rules = new ArrayList<>();
    for (Path file : renderedRules()) {
      for (JsonNode group : read(file).path("groups")) {
        group.path("rules").forEach(rules::add);
      }
    }
    return rules;
  }

  public static List<String> alertNames() {
    return rules().stream().filter(r -> r.has("alert")).map(r -> r.get("alert").asText()).toList();
  }

  public static JsonNode read(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> list(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
