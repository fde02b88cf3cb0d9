package io.github.homelabha.core.testkit;

import io.github.homelabha.core.api.ScrapeContext;
import java.time.Duration;
import java.time.Instant;

/** A scrape with a generous deadline. */
public final class FixedScrapeContext implements ScrapeContext {
  private final Instant started = Instant.now();

  @Override
  public Instant deadline() {
    return started.plusSeconds(10);
  }

  @Override
  public Duration remaining() {
    Duration left = Duration.between(Instant.now(), deadline());
    return left.isNegative() ? Duration.ZERO : left;
  }

  @Override
  public Instant startedAt() {
    return started;
  }
}
