package io.github.homelabha.unifi.client;

import java.time.Instant;

/**
 * The controller refused a login for now (HTTP 429, kind {@link Kind#RATE_LIMITED}), or the client
 * did not even try because an earlier refusal paused logins (kind {@link Kind#BACKOFF}). No login
 * is tried before {@link #retryAt}.
 */
public final class UnifiRateLimitedException extends UnifiException {
  private final Instant retryAt;

  public UnifiRateLimitedException(Kind kind, String message, Instant retryAt) {
    super(kind, message);
    this.retryAt = retryAt;
  }

  public Instant retryAt() {
    return retryAt;
  }
}
