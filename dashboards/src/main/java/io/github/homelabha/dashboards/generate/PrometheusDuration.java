package io.github.homelabha.dashboards.generate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus duration strings ({@code 90s}, {@code 15m}, {@code 1h30m}) as seconds. */
final class PrometheusDuration {

  private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:y|w|d|h|ms|m|s))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(y|w|d|h|ms|m|s)");

  private PrometheusDuration() {}

  /** Seconds in {@code text}; fractional only for milliseconds. */
  static double seconds(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException("not a Prometheus duration: " + text);
    }
    double total = 0;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      long amount = Long.parseLong(part.group(1));
      total +=
          switch (part.group(2)) {
            case "y" -> amount * 365 * 86400.0;
            case "w" -> amount * 7 * 86400.0;
            case "d" -> amount * 86400.0;
            case "h" -> amount * 3600.0;
            case "m" -> amount * 60.0;
            case "s" -> amount;
            case "ms" -> amount / 1000.0;
            default -> throw new IllegalStateException("unit " + part.group(2));
          };
    }
    return total;
  }
}
