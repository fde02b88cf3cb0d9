package io.github.homelabha.core.tasks;

import io.github.homelabha.core.api.BackgroundTask;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that runs beside the server on a daemon thread of its own, registered with {@code
 * ExporterSetup.addTask}: either at a fixed rate ({@link #fixedRate}) or as a loop whose every run
 * says how long to pause before the next ({@link #withPause}). A run that throws is logged (once
 * until a run succeeds again) and the loop goes on; {@link #stop} interrupts the work and waits up
 * to two seconds for it to end.
 */
public final class BackgroundLoop implements BackgroundTask {
  private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(2);

  /** One run; returns the pause before the next. */
  @FunctionalInterface
  public interface Step {
    Duration run() throws Exception;
  }

  private final String name;
  private final Step step;
  private final Duration pauseAfterFailure;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private boolean lowPriority;
  private Thread thread;
  private volatile boolean stopping;
  private boolean failing;

  private BackgroundLoop(String name, Step step, Duration pauseAfterFailure) {
    this.name = name;
    this.step = step;
    this.pauseAfterFailure = pauseAfterFailure;
  }

  /**
   * Runs {@code work} every {@code interval}, the first time at start (like a fixed-rate timer).
   */
  public static BackgroundLoop fixedRate(String name, Duration interval, Runnable work) {
    long intervalNanos = interval.toNanos();
    long[] next = {System.nanoTime()};
    return new BackgroundLoop(
        name,
        () -> {
          work.run();
          next[0] += intervalNanos;
          long now = System.nanoTime();
          if (next[0] < now) {
            next[0] =
                now; // fell behind (a slow run, a suspended machine): do not catch up in a burst
          }
          return Duration.ofNanos(next[0] - now);
        },
        interval);
  }

  /** Runs {@code step} again and again, pausing as long as each run asks. */
  public static BackgroundLoop withPause(String name, Step step, Duration pauseAfterFailure) {
    return new BackgroundLoop(name, step, pauseAfterFailure);
  }

  /** Runs below normal priority: the HTTP threads and the machine's real work come first. */
  public BackgroundLoop lowPriority() {
    this.lowPriority = true;
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    stopping = false;
    thread = DaemonThreads.named(name).newThread(this::loop);
    if (lowPriority) {
      thread.setPriority(Thread.MIN_PRIORITY);
    }
    thread.start();
  }

  @Override
  public synchronized void stop() {
    Thread t = thread;
    thread = null;
    if (t == null) {
      return;
    }
    stopping = true;
    t.interrupt();
    try {
      t.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the loop's thread is running (for tests and shutdown checks). */
  public synchronized boolean isRunning() {
    return thread != null && thread.isAlive();
  }

  private void loop() {
    while (!stopping) {
      Duration pause;
      try {
        pause = step.run();
        if (failing) {
          log.atInfo().addKeyValue("task", name).log("background task works again");
          failing = false;
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception | LinkageError e) {
        if (!failing) {
          log.atWarn().addKeyValue("task", name).setCause(e).log("background task failed");
          failing = true;
        }
        pause = pauseAfterFailure;
      }
      if (!sleep(pause)) {
        return;
      }
    }
  }

  /** Sleeps, or returns false when stopped meanwhile. */
  private boolean sleep(Duration pause) {
    lock.lock();
    try {
      long nanos = Math.max(0, pause.toNanos());
      while (nanos > 0 && !stopping) {
        nanos = wake.awaitNanos(nanos);
      }
      return !stopping;
    } catch (InterruptedException e) {
      return false;
    } finally {
      lock.unlock();
    }
  }
}
