package io.github.homelabha.unifi.exporter.metrics;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.unifi.client.ClientStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The login side of each controller, served by the {@code sessions} target so it stays visible
 * while a controller's own target fails: a login storm or a rate limit shows here.
 */
public final class SessionCollector {
  static final MetricFamily LOGIN_ATTEMPTS =
      MetricFamily.counter(
          "unifi_login_attempts_total",
          "Logins sent to the controller (none while logins are paused).",
          "controller");
  static final MetricFamily LOGIN_FAILURES =
      MetricFamily.counter(
          "unifi_login_failures_total",
          "Logins the controller refused, rate limits (429) included.",
          "controller");
  static final MetricFamily RATE_LIMITED =
      MetricFamily.counter(
          "unifi_rate_limited_total", "Answers with HTTP 429 Too Many Requests.", "controller");
  static final MetricFamily SESSION_RENEWALS =
      MetricFamily.counter(
          "unifi_session_renewals_total",
          "Logins made because the controller ended the session.",
          "controller");
  static final MetricFamily REQUESTS =
      MetricFamily.counter(
          "unifi_requests_total", "HTTP requests sent to the controller.", "controller");
  static final MetricFamily LOGIN_PAUSE =
      MetricFamily.gauge(
          "unifi_login_backoff_seconds",
          "Time until the next login may be tried after a refusal or 429; 0 when none is pending.",
          "controller");

  public static final List<MetricFamily> FAMILIES =
      List.of(
          LOGIN_ATTEMPTS, LOGIN_FAILURES, RATE_LIMITED, SESSION_RENEWALS, REQUESTS, LOGIN_PAUSE);

  private SessionCollector() {}

  public static void write(String controller, ClientStats stats, Instant now, MetricWriter out) {
    out.counter(LOGIN_ATTEMPTS, stats.loginAttempts(), controller);
    out.counter(LOGIN_FAILURES, stats.loginFailures(), controller);
    out.counter(RATE_LIMITED, stats.rateLimited(), controller);
    out.counter(SESSION_RENEWALS, stats.sessionRenewals(), controller);
    out.counter(REQUESTS, stats.requests(), controller);
    Duration pause = Duration.between(now, stats.loginPausedUntil());
    out.gauge(LOGIN_PAUSE, pause.isNegative() ? 0 : pause.toMillis() / 1000.0, controller);
  }
}
