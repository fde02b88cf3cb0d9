package io.github.homelabha.core.scrape;

import io.github.homelabha.core.api.Histogram;
import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.core.secrets.Redactor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects one scrape's samples and checks them against the declared families: an undeclared
 * family, a wrong label count, a null label value or a repeated series is a bug in the exporter and
 * fails the scrape loudly instead of producing a broken exposition. The test kit's {@code
 * RecordingWriter} applies the same checks.
 */
public final class SampleBuffer implements MetricWriter {
  private final Set<MetricFamily> declared;
  private final Redactor redactor;
  private final Map<MetricFamily, List<Sample>> samples = new LinkedHashMap<>();
  private final Set<Series> seriesSeen = new HashSet<>();

  /**
   * Accepts only {@code declared} families; null accepts any family (for unit tests). Label values
   * pass through {@code redactor}: they often carry upstream text (an error message) that can echo
   * a password.
   */
  public SampleBuffer(Set<MetricFamily> declared, Redactor redactor) {
    this.declared = declared;
    this.redactor = redactor;
  }

  @Override
  public void gauge(MetricFamily family, double value, String... labelValues) {
    add(family, MetricFamily.Type.GAUGE, value, labelValues);
  }

  @Override
  public void counter(MetricFamily family, double value, String... labelValues) {
    add(family, MetricFamily.Type.COUNTER, value, labelValues);
  }

  @Override
  public void info(MetricFamily family, String... labelValues) {
    add(family, MetricFamily.Type.INFO, 1, labelValues);
  }

  @Override
  public void histogram(MetricFamily family, Histogram value, String... labelValues) {
    if (value == null || !Double.isFinite(value.sum())) {
      throw new IllegalStateException("histogram " + family.name() + " needs a finite sum");
    }
    add(family, MetricFamily.Type.HISTOGRAM, value.count(), labelValues, value);
  }

  private void add(MetricFamily family, MetricFamily.Type type, double value, String[] labels) {
    add(family, type, value, labels, null);
  }

  private void add(
      MetricFamily family,
      MetricFamily.Type type,
      double value,
      String[] labels,
      Histogram histogram) {
    if (declared != null && !declared.contains(family)) {
      throw new IllegalStateException("metric family not declared by the exporter: " + family);
    }
    if (family.type() != type) {
      throw new IllegalStateException(family.name() + " is a " + family.type() + ", not " + type);
    }
    if (!family.acceptsLabelCount(labels.length)) {
      throw new IllegalStateException(
          "wrong number of label values for " + family + ": got " + labels.length);
    }
    String[] values = new String[labels.length];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == null) {
        throw new IllegalStateException("null label value on " + family.name());
      }
      values[i] = redactor.redact(labels[i]);
    }
    if (type == MetricFamily.Type.COUNTER && (value < 0 || Double.isNaN(value))) {
      throw new IllegalStateException("counter " + family.name() + " must be >= 0: " + value);
    }
    if (!seriesSeen.add(new Series(family, values))) {
      throw new IllegalStateException(
          "series written twice: " + family.name() + " " + Arrays.toString(values));
    }
    samples
        .computeIfAbsent(family, f -> new ArrayList<>())
        .add(new Sample(values, value, histogram));
  }

  /** Samples by family, in the order written. */
  public Map<MetricFamily, List<Sample>> samples() {
    return samples;
  }

  /**
   * A series' identity for duplicate detection: its family and label values, compared without
   * building a string per sample (large sites write tens of thousands of samples per scrape).
   */
  private static final class Series {
    private final MetricFamily family;
    private final String[] values;
    private final int hash;

    Series(MetricFamily family, String[] values) {
      this.family = family;
      this.values = values;
      this.hash = 31 * family.name().hashCode() + Arrays.hashCode(values);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Series s
          && s.family.name().equals(family.name())
          && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * One written sample: label values in the family's label order; for a histogram {@code value} is
   * its count and {@code histogram} its buckets (null for other types).
   */
  public record Sample(String[] labelValues, double value, Histogram histogram) {
    public Sample(String[] labelValues, double value) {
      this(labelValues, value, null);
    }
  }
}
