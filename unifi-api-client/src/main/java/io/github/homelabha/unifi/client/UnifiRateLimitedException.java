package io.github.homelabha.unifi.client;

import java.time.Instant;

/** The controller refused a login for now (HTTP 429); no login is tried before {@link #retryAt}. */
public final class UnifiRateLimitedException extends UnifiException {
  private final Instant retryAt;

  public UnifiRateLimitedException(String message, Instant retryAt) {
    super(Kind.RATE_LIMITED, message);
    this.retryAt = retryAt;
  }

  public Instant retryAt() {
    return retryAt;
  }
}
