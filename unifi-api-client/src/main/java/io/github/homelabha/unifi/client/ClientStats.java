package io.github.homelabha.unifi.client;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What the client did, for monitoring: a login storm or a rate limit shows up here. */
public final class ClientStats {
  final AtomicLong loginAttempts = new AtomicLong();
  final AtomicLong loginFailures = new AtomicLong();
  final AtomicLong rateLimited = new AtomicLong();
  final AtomicLong sessionRenewals = new AtomicLong();
  final AtomicLong requests = new AtomicLong();
  final AtomicReference<Instant> loginPausedUntil = new AtomicReference<>(Instant.EPOCH);

  /** Login requests sent to the controller (never counts logins skipped during a back-off). */
  public long loginAttempts() {
    return loginAttempts.get();
  }

  /** Login requests the controller refused, 429 included. */
  public long loginFailures() {
    return loginFailures.get();
  }

  /** Answers with HTTP 429 (logins and data requests). */
  public long rateLimited() {
    return rateLimited.get();
  }

  /** Logins made because the controller dropped the session (401 or LoginRequired). */
  public long sessionRenewals() {
    return sessionRenewals.get();
  }

  /** HTTP requests sent, logins and probes included. */
  public long requests() {
    return requests.get();
  }

  /** No login is tried before this instant (after a 429 or a refused login). */
  public Instant loginPausedUntil() {
    return loginPausedUntil.get();
  }
}
