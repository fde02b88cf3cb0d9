package io.github.homelabha.dashboards.generate;

import io.github.homelabha.core.config.PromDuration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code ${name}} and {@code ${name:seconds}} placeholders from {@link RuleParameters}.
 * Prometheus' own template syntax ({@code {{ $labels.node }}}) never contains {@code ${}, so the
 * two cannot be confused.
 */
final class PlaceholderRenderer {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z0-9_]+)(:seconds)?}");
  private static final Pattern LEFTOVER = Pattern.compile("\\$\\{[^}]*}");

  private PlaceholderRenderer() {}

  /** Renders {@code text}; every parameter name it uses is added to {@code used}. */
  static String render(String source, String text, RuleParameters parameters, Set<String> used) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value;
      try {
        value = parameters.value(name);
        if (matcher.group(2) != null) {
          value = formatSeconds(PromDuration.parse(value).toMillis() / 1000.0);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
      }
      used.add(name);
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    Matcher leftover = LEFTOVER.matcher(out);
    if (leftover.find()) {
      throw new IllegalArgumentException(
          source
              + ": malformed placeholder "
              + leftover.group()
              + " (expected ${lower_snake_name})");
    }
    return out.toString();
  }

  private static String formatSeconds(double seconds) {
    return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
  }
}
