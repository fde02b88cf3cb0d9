package io.github.homelabha.core.api;

import java.time.Duration;
import java.time.Instant;

/** The deadline of the scrape in progress. Bound waits by {@link #remaining()}. */
public interface ScrapeContext {

  /** When the scrape must have finished. */
  Instant deadline();

  /** Time left until {@link #deadline()}, never negative. */
  Duration remaining();

  /** When this scrape started; data older than this is not fresh. */
  Instant startedAt();
}
