package io.github.homelabha.sync.canary;

import io.github.homelabha.core.api.BackgroundTask;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the canary of every pair that is source right now, every {@code canary.interval}. The role
 * is asked at each tick, so with role {@code auto} the writer starts and stops with the VIP.
 */
public final class CanaryWriteTask implements BackgroundTask {
  private static final Logger LOG = LoggerFactory.getLogger(CanaryWriteTask.class);

  /** Whether a pair should be written now; throws when that cannot be decided. */
  @FunctionalInterface
  public interface SourceCheck {
    boolean isSourceNow(String pair) throws Exception;
  }

  private final Map<String, CanaryWriter> writers;
  private final SourceCheck sourceCheck;
  private final long intervalMillis;
  private final Clock clock;
  private final Map<String, CanaryWriteStatus> status = new ConcurrentHashMap<>();
  private ScheduledExecutorService executor;

  public CanaryWriteTask(
      Map<String, CanaryWriter> writers,
      SourceCheck sourceCheck,
      long intervalMillis,
      Clock clock) {
    this.writers = new LinkedHashMap<>(writers);
    this.sourceCheck = sourceCheck;
    this.intervalMillis = intervalMillis;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "canary-writer";
  }

  public CanaryWriteStatus status(String pair) {
    return status.getOrDefault(pair, CanaryWriteStatus.NONE);
  }

  @Override
  public synchronized void start() {
    if (executor != null || writers.isEmpty()) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sync-canary-writer");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleAtFixedRate(this::tick, 0, intervalMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      executor = null;
    }
  }

  /** One round over all pairs; never throws, so the schedule keeps running. */
  public void tick() {
    for (Map.Entry<String, CanaryWriter> e : writers.entrySet()) {
      String pair = e.getKey();
      try {
        if (!sourceCheck.isSourceNow(pair)) {
          continue;
        }
        Canary written = e.getValue().writeNext();
        status.compute(
            pair, (k, old) -> (old == null ? CanaryWriteStatus.NONE : old).succeeded(written));
      } catch (Exception ex) {
        String message = "writing canary " + e.getValue().canaryFile() + " failed: " + ex;
        CanaryWriteStatus old = status(pair);
        if (old.lastError().isEmpty()) {
          LOG.warn(message);
        }
        status.put(pair, old.failed(message, clock.instant()));
      }
    }
  }

  /** The last canary written for a pair, if any. */
  public Optional<Canary> lastWritten(String pair) {
    return status(pair).lastWritten();
  }
}
