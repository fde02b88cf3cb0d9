package io.github.homelabha.sync.tree;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.core.api.ScrapeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Emits {@code sync_tree_*}: the latest background scan of a pair's directory. */
public final class TreeCollector {
  public static final MetricFamily FILES =
      MetricFamily.gauge(
          "sync_tree_files",
          "Files and symlinks in the directory, canary excluded.",
          "pair",
          "role");
  public static final MetricFamily DIRECTORIES =
      MetricFamily.gauge(
          "sync_tree_directories", "Directories below the pair's directory.", "pair", "role");
  public static final MetricFamily BYTES =
      MetricFamily.gauge("sync_tree_bytes", "Sum of regular file sizes.", "pair", "role");
  public static final MetricFamily NEWEST_MTIME =
      MetricFamily.gauge(
          "sync_tree_newest_mtime_seconds",
          "Newest modification time of a file, seconds since the epoch (absent when empty).",
          "pair",
          "role");
  public static final MetricFamily SAMPLE_DIGEST =
      MetricFamily.gauge(
          "sync_tree_sample_digest",
          "48-bit digest of path, size and mtime of the most recently modified files; equal on"
              + " both sides when they hold the same recent changes.",
          "pair",
          "role");
  public static final MetricFamily SAMPLE_FILES =
      MetricFamily.gauge(
          "sync_tree_sample_files", "Files that went into the sample digest.", "pair", "role");
  public static final MetricFamily UNREADABLE =
      MetricFamily.gauge(
          "sync_tree_unreadable_entries",
          "Entries the scan could not read (permissions, I/O errors).",
          "pair",
          "role");
  public static final MetricFamily TRUNCATED =
      MetricFamily.gauge(
          "sync_tree_truncated",
          "1 when the scan stopped at tree.max_entries and the counts are partial.",
          "pair",
          "role");
  public static final MetricFamily SCAN_DURATION =
      MetricFamily.gauge(
          "sync_tree_scan_duration_seconds", "How long the latest scan took.", "pair", "role");
  public static final MetricFamily SCAN_TIMESTAMP =
      MetricFamily.gauge(
          "sync_tree_scan_timestamp_seconds",
          "When the latest scan finished, seconds since the epoch.",
          "pair",
          "role");
  public static final MetricFamily SCANS =
      MetricFamily.counter("sync_tree_scans_total", "Scans since start.", "pair", "role");
  public static final MetricFamily SCAN_ERRORS =
      MetricFamily.counter(
          "sync_tree_scan_errors_total", "Failed scans since start.", "pair", "role");

  public static final List<MetricFamily> FAMILIES =
      List.of(
          FILES,
          DIRECTORIES,
          BYTES,
          NEWEST_MTIME,
          SAMPLE_DIGEST,
          SAMPLE_FILES,
          UNREADABLE,
          TRUNCATED,
          SCAN_DURATION,
          SCAN_TIMESTAMP,
          SCANS,
          SCAN_ERRORS);

  private TreeCollector() {}

  /**
   * Writes the latest scan. Before the first scan nothing is written; a failed latest scan fails
   * the pair's scrape (its directory is gone or unreadable) instead of serving older counts.
   */
  public static void collect(
      String pair, String role, TreeScanResult result, int sampleSize, MetricWriter out)
      throws ScrapeException {
    if (result.error().isPresent()) {
      throw new ScrapeException("scan", result.error().get());
    }
    TreeSummary s = result.summary().orElseThrow();
    out.gauge(FILES, s.files(), pair, role);
    out.gauge(DIRECTORIES, s.directories(), pair, role);
    out.gauge(BYTES, s.bytes(), pair, role);
    s.newestMtime().ifPresent(t -> out.gauge(NEWEST_MTIME, t.toEpochMilli() / 1000.0, pair, role));
    if (sampleSize > 0) {
      out.gauge(SAMPLE_DIGEST, s.sampleDigest(), pair, role);
      out.gauge(SAMPLE_FILES, s.sampleCount(), pair, role);
    }
    out.gauge(UNREADABLE, s.unreadable(), pair, role);
    out.gauge(TRUNCATED, s.truncated(), pair, role);
    out.gauge(SCAN_DURATION, seconds(s.duration()), pair, role);
    out.gauge(SCAN_TIMESTAMP, epochSeconds(result.finishedAt()), pair, role);
    out.counter(SCANS, result.scans(), pair, role);
    out.counter(SCAN_ERRORS, result.failures(), pair, role);
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static double epochSeconds(Instant t) {
    return t.toEpochMilli() / 1000.0;
  }
}
