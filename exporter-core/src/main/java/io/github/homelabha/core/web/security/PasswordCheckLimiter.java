package io.github.homelabha.core.web.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * Bounds what password checks that miss the cache (wrong passwords, first logins) can cost. A
 * bcrypt check takes about 100 ms of CPU on a Raspberry Pi, so without a bound a flood of wrong
 * passwords would hold every request thread waiting for the CPU, and Prometheus' scrape, whose
 * credentials are cached and need no bcrypt, would wait behind them for a free thread.
 *
 * <ul>
 *   <li>At most {@link #RUNNING} checks run at once and {@link #WAITING} more wait; a check beyond
 *       that is refused at once, so failed logins tie up at most {@code RUNNING + WAITING} request
 *       threads and the others stay free for cached credentials.
 *   <li>Each client address may fail {@link #FAILURE_BURST} times in a row, then once every {@link
 *       #FAILURE_REFILL_NANOS}; beyond that its uncached checks are refused without bcrypt.
 * </ul>
 *
 * <p>A refused check is answered 429 Too Many Requests. Cached credentials never come here.
 */
final class PasswordCheckLimiter {
  static final int RUNNING = 2;
  static final int WAITING = 2;
  static final int FAILURE_BURST = 5;
  static final long FAILURE_REFILL_NANOS = 1_000_000_000L;

  /** Client addresses remembered; the oldest is forgotten first, so memory stays bounded. */
  static final int CLIENTS = 1024;

  private final Semaphore admitted = new Semaphore(RUNNING + WAITING);
  private final Semaphore running = new Semaphore(RUNNING, true);
  private final LongSupplier nanoClock;
  private final Map<String, FailureBudget> clients =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FailureBudget> eldest) {
          return size() > CLIENTS;
        }
      };

  PasswordCheckLimiter(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  PasswordCheckLimiter() {
    this(System::nanoTime);
  }

  /** A running slot for one check, or null when the check must be refused. */
  Slot tryEnter(String client) {
    if (!budget(client).hasFailuresLeft(nanoClock.getAsLong()) || !admitted.tryAcquire()) {
      return null;
    }
    try {
      running.acquire();
    } catch (InterruptedException e) {
      admitted.release();
      Thread.currentThread().interrupt();
      return null;
    }
    return new Slot(client);
  }

  private FailureBudget budget(String client) {
    synchronized (clients) {
      return clients.computeIfAbsent(client, c -> new FailureBudget(nanoClock.getAsLong()));
    }
  }

  /** One admitted check; close it when bcrypt is done. */
  final class Slot implements AutoCloseable {
    private final String client;

    private Slot(String client) {
      this.client = client;
    }

    void failed() {
      budget(client).spend(nanoClock.getAsLong());
    }

    @Override
    public void close() {
      running.release();
      admitted.release();
    }
  }

  /** A token bucket of failures for one client. */
  private static final class FailureBudget {
    private double left = FAILURE_BURST;
    private long refilledAt;

    FailureBudget(long now) {
      this.refilledAt = now;
    }

    synchronized boolean hasFailuresLeft(long now) {
      refill(now);
      return left >= 1;
    }

    synchronized void spend(long now) {
      refill(now);
      left = Math.max(0, left - 1);
    }

    private void refill(long now) {
      left = Math.min(FAILURE_BURST, left + (double) (now - refilledAt) / FAILURE_REFILL_NANOS);
      refilledAt = now;
    }
  }
}
