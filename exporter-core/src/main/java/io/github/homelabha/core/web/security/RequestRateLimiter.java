package io.github.homelabha.core.web.security;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * {@code rate_limit}: a token bucket holding up to {@code burst} requests, refilled with one token
 * every {@code interval}, like the Go limiter exporter-toolkit uses. A request finding the bucket
 * empty gets 429 Too Many Requests. One limiter serves the whole server, not one per client.
 */
public final class RequestRateLimiter {
  private final long intervalNanos;
  private final int burst;
  private final LongSupplier nanoClock;
  private double tokens;
  private long lastRefill;

  RequestRateLimiter(Duration interval, int burst, LongSupplier nanoClock) {
    this.intervalNanos = interval.toNanos();
    this.burst = burst;
    this.nanoClock = nanoClock;
    this.tokens = burst;
    this.lastRefill = nanoClock.getAsLong();
  }

  RequestRateLimiter(Duration interval, int burst) {
    this(interval, burst, System::nanoTime);
  }

  public Duration interval() {
    return Duration.ofNanos(intervalNanos);
  }

  public int burst() {
    return burst;
  }

  /** Takes one token; false means: answer 429. */
  public synchronized boolean tryAcquire() {
    long now = nanoClock.getAsLong();
    tokens = Math.min(burst, tokens + (double) (now - lastRefill) / intervalNanos);
    lastRefill = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
