package io.github.homelabha.dashboards.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tunable values of the alert rules (thresholds, {@code for} durations, job names), read from
 * {@code parameters.yml}: a flat map of names to scalars.
 */
public final class RuleParameters {

  private final Map<String, String> values;

  private RuleParameters(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static RuleParameters load(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rule parameters " + file, e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + ": expected a map of parameter names to values");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
        throw new IllegalArgumentException(
            file + ": parameter " + entry.getKey() + " must be a single value");
      }
      values.put(entry.getKey(), entry.getValue().asText());
    }
    return new RuleParameters(values);
  }

  /**
   * A copy with some values replaced, e.g. shorter {@code for} durations for a test. Overriding a
   * name that does not exist is an error: it would silently change nothing.
   */
  public RuleParameters with(Map<String, String> overrides) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    overrides.forEach(
        (name, value) -> {
          if (!copy.containsKey(name)) {
            throw new IllegalArgumentException("no rule parameter named " + name);
          }
          copy.put(name, value);
        });
    return new RuleParameters(copy);
  }

  public Map<String, String> asMap() {
    return values;
  }

  String value(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("unknown rule parameter ${" + name + "}");
    }
    return value;
  }
}
