package io.github.homelabha.core.tasks;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads of an exporter: daemons (a stuck one never keeps the JVM from exiting at shutdown) named
 * after their work, so a thread dump says what each does.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** Threads named {@code <prefix>-1}, {@code <prefix>-2}, ... */
  public static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
