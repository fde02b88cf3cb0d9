package io.github.homelabha.dashboards.grafana;

import java.util.regex.Pattern;

/**
 * Replaces Grafana's template variables with values Prometheus accepts, so a dashboard query can be
 * handed to promtool: {@code $__rate_interval} and friends become a duration, user variables a
 * plain value (inside a label matcher both {@code =} and {@code =~} accept it).
 */
final class TemplateVariables {

  private static final Pattern BUILTIN_DURATION =
      Pattern.compile("\\$\\{?__(rate_interval|interval|range)\\}?");
  private static final Pattern USER_VARIABLE = Pattern.compile("\\$\\{?[a-zA-Z_][a-zA-Z0-9_]*\\}?");

  private TemplateVariables() {}

  static String substitute(String expr) {
    String withDurations = BUILTIN_DURATION.matcher(expr).replaceAll("5m");
    return USER_VARIABLE.matcher(withDurations).replaceAll("value");
  }
}
