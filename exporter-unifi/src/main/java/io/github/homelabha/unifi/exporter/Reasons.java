package io.github.homelabha.unifi.exporter;

import io.github.homelabha.unifi.client.UnifiException.Kind;

/**
 * The client's failure kinds as {@code reason} labels of {@code unifi_scrape_errors_total}: the
 * same set every HTTP exporter of this project uses (unreachable, timeout, tls, auth, rate_limited,
 * http_status, parse, too_large, backoff).
 */
final class Reasons {
  private Reasons() {}

  static String of(Kind kind) {
    return switch (kind) {
      case UNREACHABLE -> "unreachable";
      case TIMEOUT -> "timeout";
      case TLS -> "tls";
      case AUTH, TWO_FACTOR, PERMISSION -> "auth";
      case RATE_LIMITED -> "rate_limited";
      case BACKOFF -> "backoff";
      case NOT_FOUND, API_ERROR -> "http_status";
      case PARSE -> "parse";
      case TOO_LARGE -> "too_large";
    };
  }
}
