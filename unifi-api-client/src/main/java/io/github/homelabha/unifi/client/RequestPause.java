package io.github.homelabha.unifi.client;

import io.github.homelabha.unifi.client.UnifiException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The client's back-off: after the controller refused the credentials (401, 403, a refused login)
 * or asked it to slow down (429), nothing is sent until the pause ends, and every call fails at
 * once with {@link Kind#BACKOFF}. Consecutive refusals double the pause up to a maximum;
 * Retry-After, when longer, wins; a successful answer resets the doubling.
 */
final class RequestPause {
  private final Clock clock;
  private final Duration authStart;
  private final Duration rateLimitedStart;
  private final Duration max;
  private final ClientStats stats;
  private int consecutive;
  private Instant until = Instant.EPOCH;
  private String reason = "";

  RequestPause(
      Clock clock, Duration authStart, Duration rateLimitedStart, Duration max, ClientStats stats) {
    this.clock = clock;
    this.authStart = authStart;
    this.rateLimitedStart = rateLimitedStart;
    this.max = max;
    this.stats = stats;
  }

  Instant now() {
    return clock.instant();
  }

  /** Throws while a pause lasts, without contacting anyone. */
  synchronized void check(String endpoint) throws UnifiRateLimitedException {
    if (now().isBefore(until)) {
      throw new UnifiRateLimitedException(
          Kind.BACKOFF, "nothing sent to " + endpoint + " before " + until + ": " + reason, until);
    }
  }

  /**
   * Starts a pause after a refusal; {@code rateLimited} picks the 429 base, {@code retryAfter} the
   * controller's own wish.
   */
  synchronized Instant pause(boolean rateLimited, Optional<Duration> retryAfter, String why) {
    Duration base = rateLimited ? rateLimitedStart : authStart;
    Duration wait = base.multipliedBy(1L << Math.min(consecutive, 20));
    if (wait.compareTo(max) > 0) {
      wait = max;
    }
    if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
      wait = retryAfter.get();
    }
    consecutive++;
    until = now().plus(wait);
    reason = why;
    stats.loginPausedUntil.set(until);
    return until;
  }

  synchronized void succeeded() {
    consecutive = 0;
  }

  synchronized Instant until() {
    return until;
  }
}
