package io.github.homelabha.core.upstream;

import io.github.homelabha.core.api.ScrapeContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A scrape that has {@code budget} left from now on the given clock. */
record TestContext(Instant startedAt, Instant deadline, Clock clock) implements ScrapeContext {

  static TestContext of(Duration budget) {
    return of(budget, Clock.systemUTC());
  }

  static TestContext of(Duration budget, Clock clock) {
    Instant now = clock.instant();
    return new TestContext(now, now.plus(budget), clock);
  }

  @Override
  public Duration remaining() {
    Duration d = Duration.between(clock.instant(), deadline);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
