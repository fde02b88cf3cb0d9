package io.github.homelabha.core.api;

import java.util.regex.Pattern;

/**
 * An expected scrape failure. The {@code reason} becomes the {@code reason} label of {@code
 * <namespace>_scrape_errors_total}, so it must come from a small fixed set (lower case, e.g. {@code
 * unreachable}, {@code parse}, {@code auth}, {@code stale}, {@code not_running}); the message is
 * logged and shown on the landing page and should say where the exporter looked and how to fix it.
 */
public class ScrapeException extends Exception {
  private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9_]{0,31}");

  private final String reason;

  public ScrapeException(String reason, String message) {
    this(reason, message, null);
  }

  public ScrapeException(String reason, String message, Throwable cause) {
    super(message, cause);
    if (!REASON.matcher(reason).matches()) {
      throw new IllegalArgumentException(
          "scrape error reason must match " + REASON + ": " + reason);
    }
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
