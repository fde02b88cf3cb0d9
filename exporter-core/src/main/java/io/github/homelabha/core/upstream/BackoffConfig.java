package io.github.homelabha.core.upstream;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Validatable;
import java.time.Duration;

/**
 * How long a target leaves its upstream alone after the upstream refused its credentials or asked
 * it to slow down. Many upstreams lock a client out after a few failed logins (AdGuard Home after
 * five within 15 minutes), so a wrong password is tried at most once per {@code auth}, doubling
 * after each further refusal up to {@code max}.
 */
public final class BackoffConfig implements Validatable {
  /** Pause after the first 401/403. */
  public Duration auth = Duration.ofMinutes(5);

  /** Pause after the first 429 without {@code Retry-After}; a {@code Retry-After} wins. */
  public Duration rateLimited = Duration.ofSeconds(30);

  /** Longest pause, also the cap for {@code Retry-After}. */
  public Duration max = Duration.ofHours(1);

  @Override
  public void validate(ConfigProblems problems) {
    problems.require(auth != null && auth.toMillis() > 0, "auth", "must be positive");
    problems.require(
        rateLimited != null && rateLimited.toMillis() > 0, "rate_limited", "must be positive");
    problems.require(max != null && max.toMillis() > 0, "max", "must be positive");
  }
}
