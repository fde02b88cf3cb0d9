package io.github.homelabha.unifi.client;

import io.github.homelabha.unifi.client.UnifiException.Kind;
import io.github.homelabha.unifi.client.json.Envelope;
import io.github.homelabha.unifi.client.json.ErrorBodies;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Maps a failed HTTP status and its body to a {@link UnifiException}. */
final class HttpErrors {
  private HttpErrors() {}

  static UnifiException forStatus(int status, byte[] body, String path, ClientStats stats) {
    String code = ErrorBodies.code(body);
    String detail = code.isEmpty() ? "" : " (" + ErrorBodies.clean(code) + ")";
    if (code.startsWith("api.err.") && status != 401 && status != 429) {
      return Envelope.error(code);
    }
    return switch (status) {
      case 401 ->
          new UnifiException(Kind.AUTH, "controller refused the credentials for " + path + detail);
      case 403 -> new UnifiException(Kind.PERMISSION, "the account may not read " + path + detail);
      case 404 -> new UnifiException(Kind.NOT_FOUND, "controller has no " + path + detail);
      case 429 -> {
        stats.rateLimited.incrementAndGet();
        yield new UnifiRateLimitedException(
            Kind.RATE_LIMITED,
            "controller rate-limits requests to " + path + detail,
            Instant.now());
      }
      default ->
          new UnifiException(
              Kind.API_ERROR, "controller answered HTTP " + status + " to " + path + detail);
    };
  }

  /** Retry-After as seconds or an HTTP date, bounded to one hour; empty when absent or odd. */
  static Optional<Duration> retryAfter(String header, Instant now) {
    if (header == null || header.isBlank() || header.length() > 64) {
      return Optional.empty();
    }
    String h = header.trim();
    Duration d;
    try {
      d = Duration.ofSeconds(Long.parseLong(h));
    } catch (NumberFormatException e) {
      try {
        d = Duration.between(now, ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME));
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
    if (d.isNegative()) {
      return Optional.of(Duration.ZERO);
    }
    return Optional.of(d.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : d);
  }
}
