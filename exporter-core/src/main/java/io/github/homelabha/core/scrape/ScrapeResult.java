package io.github.homelabha.core.scrape;

import io.github.homelabha.core.api.Histogram;
import io.github.homelabha.core.api.MetricFamily;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one fetch of one target: its samples on success, or a reason and message on
 * failure (then it has no samples at all).
 */
public final class ScrapeResult {
  private static final String LATE = "finished after the scrape deadline";

  private final boolean success;
  private final Map<MetricFamily, List<SampleBuffer.Sample>> samples;
  private final String errorReason;
  private final String errorMessage;
  private final Instant startedAt;
  private final Duration duration;

  private ScrapeResult(
      boolean success,
      Map<MetricFamily, List<SampleBuffer.Sample>> samples,
      String errorReason,
      String errorMessage,
      Instant startedAt,
      Duration duration) {
    this.success = success;
    this.samples = samples;
    this.errorReason = errorReason;
    this.errorMessage = errorMessage;
    this.startedAt = startedAt;
    this.duration = duration;
  }

  static ScrapeResult success(
      Map<MetricFamily, List<SampleBuffer.Sample>> samples, Instant startedAt, Duration duration) {
    return new ScrapeResult(true, Map.copyOf(samples), null, null, startedAt, duration);
  }

  static ScrapeResult failure(String reason, String message, Instant startedAt, Duration duration) {
    return new ScrapeResult(false, Map.of(), reason, message, startedAt, duration);
  }

  /**
   * A fetch that finished after its deadline. Its data, if any, is not served as fresh; whoever
   * waited on it and did not time out counts it ({@link #isLateFailure()}).
   */
  static ScrapeResult lateFailure(Instant startedAt, Duration duration) {
    return new ScrapeResult(false, Map.of(), "timeout", LATE, startedAt, duration);
  }

  boolean isLateFailure() {
    return !success && LATE.equals(errorMessage);
  }

  public boolean success() {
    return success;
  }

  /** Null on success; one of a small fixed set otherwise. */
  public String errorReason() {
    return errorReason;
  }

  /** Null on success; already redacted. */
  public String errorMessage() {
    return errorMessage;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Duration duration() {
    return duration;
  }

  /**
   * The samples as client_java snapshots, each series with {@code target=<targetLabel>} added when
   * {@code targetLabel} is not null.
   */
  List<MetricSnapshot> snapshots(String targetLabel) {
    return snapshots(targetLabel, new LabelsCache());
  }

  /** The same, reusing the labels of the series {@code cache} holds from the last exposition. */
  List<MetricSnapshot> snapshots(String targetLabel, LabelsCache cache) {
    LabelsCache.Lookup lookup = cache.begin(targetLabel);
    List<MetricSnapshot> out = new ArrayList<>(samples.size());
    samples.forEach((family, list) -> out.add(snapshot(family, list, targetLabel, lookup)));
    lookup.finish();
    return out;
  }

  private static MetricSnapshot snapshot(
      MetricFamily family,
      List<SampleBuffer.Sample> list,
      String targetLabel,
      LabelsCache.Lookup lookup) {
    SeriesLabels labels = new SeriesLabels(family, targetLabel, lookup);
    switch (family.type()) {
      case GAUGE -> {
        GaugeSnapshot.Builder b =
            GaugeSnapshot.builder().name(family.baseName()).help(family.help());
        for (SampleBuffer.Sample s : list) {
          b.dataPoint(
              GaugeSnapshot.GaugeDataPointSnapshot.builder()
                  .labels(labels.of(s))
                  .value(s.value())
                  .build());
        }
        return b.build();
      }
      case COUNTER -> {
        CounterSnapshot.Builder b =
            CounterSnapshot.builder().name(family.baseName()).help(family.help());
        for (SampleBuffer.Sample s : list) {
          b.dataPoint(
              CounterSnapshot.CounterDataPointSnapshot.builder()
                  .labels(labels.of(s))
                  .value(s.value())
                  .build());
        }
        return b.build();
      }
      case HISTOGRAM -> {
        HistogramSnapshot.Builder b =
            HistogramSnapshot.builder().name(family.baseName()).help(family.help());
        for (SampleBuffer.Sample s : list) {
          Histogram h = s.histogram();
          double[] bounds = h.upperBounds();
          long[] counts = h.bucketCounts();
          double[] withInf = Arrays.copyOf(bounds, bounds.length + 1);
          withInf[bounds.length] = Double.POSITIVE_INFINITY;
          b.dataPoint(
              HistogramSnapshot.HistogramDataPointSnapshot.builder()
                  .labels(labels.of(s))
                  .classicHistogramBuckets(ClassicHistogramBuckets.of(withInf, counts))
                  .sum(h.sum())
                  .build());
        }
        return b.build();
      }
      default -> {
        InfoSnapshot.Builder b = InfoSnapshot.builder().name(family.baseName()).help(family.help());
        for (SampleBuffer.Sample s : list) {
          b.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(labels.of(s)).build());
        }
        return b.build();
      }
    }
  }

  /**
   * Each series' labels, the target's included: reused from the last exposition when the series was
   * in it, else made in one step (client_java validates and sorts the names on every call, so one
   * call per series instead of two with {@code Labels.add}). The names array is made once per
   * family.
   */
  private static final class SeriesLabels implements LabelsCache.LabelsMaker {
    private final MetricFamily family;
    private final String[] names;
    // for samples without the family's optional labels (null when it has none)
    private final String[] requiredNames;
    private final int requiredCount;
    private final String targetLabel;
    private final LabelsCache.Lookup lookup;

    SeriesLabels(MetricFamily family, String targetLabel, LabelsCache.Lookup lookup) {
      List<String> declared = family.labelNames();
      this.family = family;
      this.targetLabel = targetLabel;
      this.lookup = lookup;
      this.names = withTarget(declared, targetLabel);
      this.requiredCount = family.requiredLabelCount();
      this.requiredNames =
          family.requiredLabelCount() == declared.size()
              ? null
              : withTarget(declared.subList(0, family.requiredLabelCount()), targetLabel);
    }

    private static String[] withTarget(List<String> declared, String targetLabel) {
      String[] out = declared.toArray(new String[declared.size() + (targetLabel == null ? 0 : 1)]);
      if (targetLabel != null) {
        out[declared.size()] = MetricFamily.TARGET_LABEL;
      }
      return out;
    }

    Labels of(SampleBuffer.Sample s) {
      return lookup.labels(family, s.labelValues(), this);
    }

    /** The value count tells which names apply: a sample may leave optional labels out. */
    @Override
    public Labels of(String[] labelValues) {
      String[] values = labelValues;
      String[] labelNames =
          requiredNames != null && values.length == requiredCount ? requiredNames : names;
      if (targetLabel != null) {
        values = Arrays.copyOf(values, values.length + 1);
        values[values.length - 1] = targetLabel;
      }
      // Labels.of copies both arrays before sorting them
      return Labels.of(labelNames, values);
    }
  }
}
