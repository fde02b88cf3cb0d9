package io.github.homelabha.core.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus-style durations, as every Prometheus component writes them: {@code 500ms}, {@code
 * 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}, {@code 1w}, {@code 1y}; units in decreasing order,
 * each at most once. A bare {@code 0} is zero.
 */
public final class PromDuration {
  private static final Pattern WHOLE =
      Pattern.compile("(?:\\d+y)?(?:\\d+w)?(?:\\d+d)?(?:\\d+h)?(?:\\d+m)?(?:\\d+s)?(?:\\d+ms)?");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|y|w|d|h|m|s)");

  private PromDuration() {}

  /** Parses a duration or throws {@link IllegalArgumentException} with a readable message. */
  public static Duration parse(String text) {
    String s = text == null ? "" : text.trim();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty() || !WHOLE.matcher(s).matches()) {
      throw new IllegalArgumentException(
          "not a duration: \"" + text + "\" (use e.g. 500ms, 30s, 5m, 1h30m)");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(s);
    try {
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        total =
            total.plus(
                switch (m.group(2)) {
                  case "ms" -> Duration.ofMillis(n);
                  case "s" -> Duration.ofSeconds(n);
                  case "m" -> Duration.ofMinutes(n);
                  case "h" -> Duration.ofHours(n);
                  case "d" -> Duration.ofDays(n);
                  case "w" -> Duration.ofDays(Math.multiplyExact(n, 7));
                  default -> Duration.ofDays(Math.multiplyExact(n, 365));
                });
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("duration out of range: \"" + text + "\"");
    }
    return total;
  }

  /** Formats the way Prometheus prints durations: largest units first, zero parts left out. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    long ms = d.toMillis();
    StringBuilder sb = new StringBuilder();
    long[] sizes = {86_400_000L * 7, 86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    String[] units = {"w", "d", "h", "m", "s", "ms"};
    for (int i = 0; i < sizes.length; i++) {
      if (ms >= sizes[i]) {
        sb.append(ms / sizes[i]).append(units[i]);
        ms %= sizes[i];
      }
    }
    return sb.toString();
  }
}
