package io.github.homelabha.core.api;

import java.util.Arrays;

/**
 * The value of one histogram series kept by the exporter (e.g. processing times counted from an
 * upstream's log): per-bucket counts, not cumulative, the last one above the largest bound.
 *
 * @param upperBounds strictly increasing, finite
 * @param bucketCounts {@code upperBounds.length + 1} counts, each {@code >= 0}
 * @param sum the sum of all observed values
 */
public record Histogram(double[] upperBounds, long[] bucketCounts, double sum) {
  public Histogram {
    if (bucketCounts.length != upperBounds.length + 1) {
      throw new IllegalArgumentException("need one count per bound plus one above the largest");
    }
    for (int i = 0; i < upperBounds.length; i++) {
      if (!Double.isFinite(upperBounds[i]) || (i > 0 && upperBounds[i] <= upperBounds[i - 1])) {
        throw new IllegalArgumentException("bounds must be finite and increasing");
      }
    }
    for (long c : bucketCounts) {
      if (c < 0) {
        throw new IllegalArgumentException("bucket counts must be >= 0");
      }
    }
    upperBounds = upperBounds.clone();
    bucketCounts = bucketCounts.clone();
  }

  /** Every observation. */
  public long count() {
    return Arrays.stream(bucketCounts).sum();
  }

  @Override
  public double[] upperBounds() {
    return upperBounds.clone();
  }

  @Override
  public long[] bucketCounts() {
    return bucketCounts.clone();
  }
}
