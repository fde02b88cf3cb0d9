package io.github.homelabha.core.api;

/**
 * Where a {@link Target} writes its samples. Label values are given in the order of the family's
 * label names. Writing the same family and label values twice in one scrape is an error.
 */
public interface MetricWriter {

  /** A gauge sample; NaN is allowed and means "unknown". */
  void gauge(MetricFamily family, double value, String... labelValues);

  /** A gauge that is 1 when {@code value} is true, else 0. */
  default void gauge(MetricFamily family, boolean value, String... labelValues) {
    gauge(family, value ? 1 : 0, labelValues);
  }

  /** A counter sample: a monotonic total read from upstream or kept by the exporter. */
  void counter(MetricFamily family, double value, String... labelValues);

  /** An info sample (value 1). */
  void info(MetricFamily family, String... labelValues);

  /** A histogram series: buckets, sum and count as kept by the exporter. */
  void histogram(MetricFamily family, Histogram value, String... labelValues);
}
