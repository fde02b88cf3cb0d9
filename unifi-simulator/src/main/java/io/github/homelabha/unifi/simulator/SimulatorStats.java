package io.github.homelabha.unifi.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the simulator saw, for tests and benchmarks (served at {@code /sim/stats}). */
public final class SimulatorStats {
  final AtomicLong requests = new AtomicLong();
  final AtomicLong loginAttempts = new AtomicLong();
  final AtomicLong loginSuccesses = new AtomicLong();
  final AtomicLong loginFailures = new AtomicLong();
  final AtomicLong rateLimited = new AtomicLong();
  final AtomicLong logouts = new AtomicLong();
  final AtomicLong unauthorized = new AtomicLong();
  final AtomicLong expiredSessions = new AtomicLong();
  final AtomicLong csrfRejected = new AtomicLong();
  final AtomicLong dataAnswers = new AtomicLong();
  final AtomicLong garbageAnswers = new AtomicLong();

  /** Every HTTP request, TLS handshakes that failed not included. */
  public long requests() {
    return requests.get();
  }

  /** Login requests, including those answered 429. */
  public long loginAttempts() {
    return loginAttempts.get();
  }

  public long loginSuccesses() {
    return loginSuccesses.get();
  }

  public long rateLimited() {
    return rateLimited.get();
  }

  public long logouts() {
    return logouts.get();
  }

  public long unauthorized() {
    return unauthorized.get();
  }

  public long csrfRejected() {
    return csrfRejected.get();
  }

  public long dataAnswers() {
    return dataAnswers.get();
  }

  public Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("requests", requests.get());
    m.put("login_attempts", loginAttempts.get());
    m.put("login_successes", loginSuccesses.get());
    m.put("login_failures", loginFailures.get());
    m.put("rate_limited", rateLimited.get());
    m.put("logouts", logouts.get());
    m.put("unauthorized", unauthorized.get());
    m.put("expired_sessions", expiredSessions.get());
    m.put("csrf_rejected", csrfRejected.get());
    m.put("data_answers", dataAnswers.get());
    m.put("garbage_answers", garbageAnswers.get());
    return m;
  }
}
