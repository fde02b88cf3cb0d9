package io.github.homelabha.sync.canary;

import io.github.homelabha.core.api.BackgroundTask;
import io.github.homelabha.core.tasks.BackgroundLoop;
import io.github.homelabha.sync.fs.FileErrors;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
  private final Clock clock;
  private final Map<String, CanaryWriteStatus> status = new ConcurrentHashMap<>();
  private final BackgroundLoop loop;

  public CanaryWriteTask(
      Map<String, CanaryWriter> writers,
      SourceCheck sourceCheck,
      long intervalMillis,
      Clock clock) {
    this.writers = new LinkedHashMap<>(writers);
    this.sourceCheck = sourceCheck;
    this.clock = clock;
    this.loop =
        BackgroundLoop.fixedRate(
            "sync-canary-writer", Duration.ofMillis(intervalMillis), this::tick);
  }

  @Override
  public String name() {
    return "canary-writer";
  }

  public CanaryWriteStatus status(String pair) {
    return status.getOrDefault(pair, CanaryWriteStatus.NONE);
  }

  @Override
  public void start() {
    if (!writers.isEmpty()) {
      loop.start();
    }
  }

  @Override
  public void stop() {
    loop.stop();
  }

  /** One round over all pairs; never throws, so the schedule keeps running. */
  public void tick() {
    for (String pair : writers.keySet()) {
      try {
        if (sourceCheck.isSourceNow(pair)) {
          write(pair);
        }
      } catch (Exception ex) {
        recordFailure(pair, "cannot tell whether pair " + pair + " is source: " + ex);
      }
    }
  }

  /**
   * The status, after writing now when this node has no recent canary of its own for the pair:
   * right after start, or right after becoming source in a failover, before the next scheduled
   * tick. A scrape then never reports a fresh source as stopped.
   */
  public CanaryWriteStatus statusWritingIfStale(String pair, Duration maxAge) {
    CanaryWriteStatus current = status(pair);
    boolean stale =
        current.lastWritten().isEmpty()
            || current.lastWritten().get().writtenAt().plus(maxAge).isBefore(clock.instant());
    if (stale && writers.containsKey(pair)) {
      write(pair);
    }
    return status(pair);
  }

  private void write(String pair) {
    CanaryWriter writer = writers.get(pair);
    try {
      Canary written = writer.writeNext();
      status.compute(
          pair, (k, old) -> (old == null ? CanaryWriteStatus.NONE : old).succeeded(written));
    } catch (Exception ex) {
      recordFailure(
          pair, "writing canary " + writer.canaryFile() + " failed: " + FileErrors.describe(ex));
    }
  }

  private void recordFailure(String pair, String message) {
    CanaryWriteStatus old = status(pair);
    if (old.lastError().isEmpty()) {
      LOG.warn(message);
    }
    status.put(pair, old.failed(message, clock.instant()));
  }
}
