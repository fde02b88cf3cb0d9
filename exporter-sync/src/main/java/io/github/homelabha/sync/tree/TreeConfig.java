package io.github.homelabha.sync.tree;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Validatable;
import java.time.Duration;

/**
 * Budget of the background tree scans. A scan walks the whole directory (metadata only, no file
 * contents); on a large or slow tree the pause after it grows so scanning never takes more than
 * {@link #maxBusyFraction} of the time.
 */
public final class TreeConfig implements Validatable {
  /** Set to false to skip tree summaries entirely. */
  public boolean enabled = true;

  /** Shortest pause between the end of one scan of a pair and the start of the next. */
  public Duration scanInterval = Duration.ofSeconds(5);

  /** Largest share of wall time spent scanning (0.2 = a 2 s scan is followed by 8 s of rest). */
  public double maxBusyFraction = 0.2;

  /** A scan stops after this many entries and reports itself truncated. */
  public int maxEntries = 2_000_000;

  /** How many of the most recently modified files go into the sample digest (0 = no digest). */
  public int sampleSize = 32;

  @Override
  public void validate(ConfigProblems problems) {
    problems.require(
        scanInterval != null && !scanInterval.isNegative() && !scanInterval.isZero(),
        "scan_interval",
        "must be positive");
    problems.require(
        maxBusyFraction > 0 && maxBusyFraction <= 1,
        "max_busy_fraction",
        "must be above 0 and at most 1");
    problems.require(maxEntries > 0, "max_entries", "must be positive");
    problems.require(sampleSize >= 0 && sampleSize <= 10_000, "sample_size", "must be 0..10000");
  }
}
