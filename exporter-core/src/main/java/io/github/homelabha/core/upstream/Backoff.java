package io.github.homelabha.core.upstream;

import io.github.homelabha.core.config.PromDuration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One target's pause after its upstream refused the credentials or asked it to slow down. While it
 * lasts the client sends nothing and every request fails at once with {@link
 * UpstreamReason#BACKOFF}. Consecutive refusals double the pause up to {@link BackoffConfig#max}; a
 * successful answer resets the count.
 */
public final class Backoff {
  private static final Duration MIN_PAUSE = Duration.ofSeconds(1);
  private final BackoffConfig config;
  private final Clock clock;
  private int consecutiveAuth;
  private int consecutiveRateLimited;
  private State state;

  /** An active pause: until when, why, and the failure that started it. */
  public record State(Instant until, UpstreamReason cause, String message) {
    public Duration remaining(Clock clock) {
      Duration d = Duration.between(clock.instant(), until);
      return d.isNegative() ? Duration.ZERO : d;
    }
  }

  Backoff(BackoffConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** The pause in effect now, if any. */
  public synchronized Optional<State> active() {
    if (state != null && !clock.instant().isBefore(state.until())) {
      state = null;
    }
    return Optional.ofNullable(state);
  }

  synchronized Duration authFailed(String message) {
    consecutiveAuth++;
    return start(doubled(config.auth, consecutiveAuth), UpstreamReason.AUTH, message);
  }

  synchronized Duration rateLimited(Optional<Duration> retryAfter, String message) {
    consecutiveRateLimited++;
    Duration pause =
        retryAfter
            .map(d -> d.compareTo(config.max) > 0 ? config.max : d)
            // "Retry-After: 0" from a server that is still refusing would mean asking again at
            // once.
            .map(d -> d.compareTo(MIN_PAUSE) < 0 ? MIN_PAUSE : d)
            .orElseGet(() -> doubled(config.rateLimited, consecutiveRateLimited));
    return start(pause, UpstreamReason.RATE_LIMITED, message);
  }

  synchronized void succeeded() {
    consecutiveAuth = 0;
    consecutiveRateLimited = 0;
  }

  private Duration start(Duration pause, UpstreamReason cause, String message) {
    state = new State(clock.instant().plus(pause), cause, message);
    return pause;
  }

  private Duration doubled(Duration first, int failures) {
    Duration d = first;
    for (int i = 1; i < failures && d.compareTo(config.max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(config.max) > 0 ? config.max : d;
  }

  /**
   * The text of a request refused during a pause, e.g. {@code not asking ... for another 4m10s}.
   */
  static String describe(State s, Clock clock) {
    return "not asking the upstream for another "
        + PromDuration.format(roundedUp(s.remaining(clock)))
        + " after "
        + s.cause().label()
        + ": "
        + s.message();
  }

  /** The landing page's state of a pausing client, e.g. {@code backing off, 4m10s left (auth)}. */
  static String describeState(State s, Clock clock) {
    return "backing off, "
        + PromDuration.format(roundedUp(s.remaining(clock)))
        + " left ("
        + s.cause().label()
        + ")";
  }

  /** Whole seconds: the landing page is read by people. */
  private static Duration roundedUp(Duration d) {
    return Duration.ofSeconds((d.toMillis() + 999) / 1000);
  }
}
