package io.github.homelabha.core.runtime;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * Threads that several exporters in one JVM share instead of each starting its own: one pool for
 * scrapes and one for HTTP. Each idle thread costs stack and bookkeeping memory, and a scrape every
 * few seconds per exporter keeps very few of them busy at a time.
 *
 * <p>Sharing does not couple the exporters' scrapes: the scrape pool grows on demand (a hanging
 * upstream holds only threads of its own scrapes, each released at its deadline), and the HTTP pool
 * is sized for every exporter's connector plus concurrent requests.
 */
public final class SharedResources implements AutoCloseable {
  /** HTTP threads each exporter's connector keeps for itself (its selector). */
  private static final int THREADS_PER_CONNECTOR = 1;

  /** Requests served at the same time across all exporters before new ones queue. */
  private static final int CONCURRENT_REQUESTS = 8;

  private final ExecutorService scrapePool;
  private final QueuedThreadPool httpThreads;

  private SharedResources(ExecutorService scrapePool, QueuedThreadPool httpThreads) {
    this.scrapePool = scrapePool;
    this.httpThreads = httpThreads;
  }

  /** Pools for {@code exporters} exporters, started. */
  public static SharedResources create(int exporters) throws Exception {
    int max = exporters * THREADS_PER_CONNECTOR + CONCURRENT_REQUESTS;
    QueuedThreadPool http = new QueuedThreadPool(max, 2, 60_000);
    http.setName("http");
    http.setReservedThreads(0);
    // Started here, so no exporter's server takes ownership and stops it with itself.
    http.start();
    return new SharedResources(
        Executors.newCachedThreadPool(ExporterRuntime.daemonThreads("scrape")), http);
  }

  ExecutorService scrapePool() {
    return scrapePool;
  }

  ThreadPool httpThreads() {
    return httpThreads;
  }

  /** Stops both pools; call after every exporter using them has closed. */
  @Override
  public void close() {
    scrapePool.shutdownNow();
    try {
      httpThreads.stop();
    } catch (Exception e) {
      throw new IllegalStateException("HTTP thread pool did not stop", e);
    }
  }
}
