package io.github.homelabha.dashboards.grafana;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Grafana's {@code label_values(selector, label)} variable query, reduced to its selector. */
final class LabelValues {

  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\((.+),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");

  private LabelValues() {}

  static String selector(String variableQuery) {
    Matcher matcher = LABEL_VALUES.matcher(variableQuery.strip());
    if (!matcher.matches()) {
      throw new AssertionError(
          "variable queries must be label_values(selector, label): " + variableQuery);
    }
    return matcher.group(1).strip();
  }
}
