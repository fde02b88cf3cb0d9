package io.github.homelabha.core.runtime;

import io.github.homelabha.core.tasks.DaemonThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What several exporters in one JVM share instead of each having its own: the pool their scrapes
 * run on. It grows on demand and idle threads leave after a minute, so a hanging upstream holds
 * only threads of its own scrapes (each released at its deadline) and never delays another
 * exporter's.
 *
 * <p>HTTP threads are deliberately not shared: requests waiting on one exporter's slow upstream
 * would take the threads another exporter's scrapes need.
 */
public final class SharedResources implements AutoCloseable {
  private final ExecutorService scrapePool;

  private SharedResources(ExecutorService scrapePool) {
    this.scrapePool = scrapePool;
  }

  public static SharedResources create() {
    return new SharedResources(Executors.newCachedThreadPool(DaemonThreads.named("scrape")));
  }

  ExecutorService scrapePool() {
    return scrapePool;
  }

  /** Stops the pool; call after every exporter using it has closed. */
  @Override
  public void close() {
    scrapePool.shutdownNow();
  }
}
