package io.github.homelabha.sync.tree;

import io.github.homelabha.core.api.BackgroundTask;
import io.github.homelabha.core.tasks.BackgroundLoop;
import io.github.homelabha.sync.fs.FileErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans every pair's directory in one background thread, one pair at a time, so scans never compete
 * with each other for the disk. After a scan that took {@code d}, the next scan of that pair waits
 * {@code max(scan_interval, d * (1/max_busy_fraction - 1))}.
 */
public final class TreeScanTask implements BackgroundTask {
  private static final Logger LOG = LoggerFactory.getLogger(TreeScanTask.class);

  private final Map<String, Path> directories;
  private final TreeConfig config;
  private final TreeScanner scanner;
  private final Clock clock;
  private final Map<String, TreeScanResult> results = new ConcurrentHashMap<>();
  private final Map<String, Instant> nextDue = new ConcurrentHashMap<>();
  private final BackgroundLoop loop;

  /**
   * @param directories pair name to directory, in configuration order
   * @param excludedName file names left out (the canary)
   */
  public TreeScanTask(
      Map<String, Path> directories,
      TreeConfig config,
      Predicate<String> excludedName,
      Clock clock) {
    this.directories = new LinkedHashMap<>(directories);
    this.config = config;
    this.scanner = new TreeScanner(config.sampleSize, config.maxEntries, excludedName, clock);
    this.clock = clock;
    // Below normal priority: the exporter's HTTP threads and the sync tools come first.
    this.loop =
        BackgroundLoop.withPause("sync-tree-scanner", this::scanDue, Duration.ofSeconds(1))
            .lowPriority();
  }

  @Override
  public String name() {
    return "tree-scanner";
  }

  /** The latest result for a pair, empty before its first scan finished. */
  public Optional<TreeScanResult> latest(String pair) {
    return Optional.ofNullable(results.get(pair));
  }

  @Override
  public void start() {
    if (!directories.isEmpty()) {
      loop.start();
    }
  }

  @Override
  public void stop() {
    loop.stop();
  }

  /** Scans the pairs that are due; returns how long to wait for the next one (at most 1 s). */
  private Duration scanDue() {
    Instant soonest = Instant.MAX;
    for (Map.Entry<String, Path> e : directories.entrySet()) {
      Instant due = nextDue.getOrDefault(e.getKey(), Instant.MIN);
      if (!clock.instant().isBefore(due)) {
        scanOnce(e.getKey(), e.getValue());
        due = nextDue.get(e.getKey());
      }
      if (due.isBefore(soonest)) {
        soonest = due;
      }
    }
    long millis = Math.max(10, Duration.between(clock.instant(), soonest).toMillis());
    return Duration.ofMillis(Math.min(millis, 1000));
  }

  /** Scans one pair now and records the outcome; package-visible for tests and the benchmark. */
  TreeScanResult scanOnce(String pair, Path directory) {
    TreeScanResult previous = results.get(pair);
    long scans = previous == null ? 0 : previous.scans();
    long failures = previous == null ? 0 : previous.failures();
    long startNanos = System.nanoTime();
    TreeScanResult result;
    try {
      TreeSummary summary = scanner.scan(directory);
      result =
          new TreeScanResult(
              Optional.of(summary), Optional.empty(), clock.instant(), scans + 1, failures);
    } catch (IOException | RuntimeException e) {
      String message = "scan of " + directory + " failed: " + FileErrors.describe(e);
      if (previous == null || previous.error().isEmpty()) {
        LOG.warn(message);
      }
      result =
          new TreeScanResult(
              Optional.empty(), Optional.of(message), clock.instant(), scans + 1, failures + 1);
    }
    results.put(pair, result);
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
    nextDue.put(pair, clock.instant().plus(pause(took)));
    return result;
  }

  /** The rest after a scan that took {@code took}, keeping scanning within the busy fraction. */
  Duration pause(Duration took) {
    double factor = 1 / config.maxBusyFraction - 1;
    Duration budgeted = Duration.ofNanos((long) (took.toNanos() * factor));
    return budgeted.compareTo(config.scanInterval) > 0 ? budgeted : config.scanInterval;
  }
}
