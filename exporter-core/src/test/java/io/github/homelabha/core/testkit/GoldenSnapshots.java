package io.github.homelabha.core.testkit;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot.StateSetDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Golden expositions produced at test time by client_java's own writers, so the parser is checked
 * against the exact bytes our exporters will serve rather than against hand-typed text.
 */
final class GoldenSnapshots {
  static final String AWKWARD_HELP = "Path \\ with backslash,\nnewline and \"quotes\"";
  static final String AWKWARD_LABEL = "C:\\dir\n\"x\" ü,{}=#";
  static final long CREATED_MILLIS = 1_700_000_000_123L;

  private GoldenSnapshots() {}

  /** Every metric type client_java writes, with values and labels that need escaping. */
  static MetricSnapshots allTypes() {
    return MetricSnapshots.of(
        GaugeSnapshot.builder()
            .name("demo_temperature_celsius")
            .help(AWKWARD_HELP)
            .unit(Unit.CELSIUS)
            .dataPoint(gauge(Double.NaN, "path", AWKWARD_LABEL))
            .dataPoint(gauge(Double.POSITIVE_INFINITY, "path", "b"))
            .dataPoint(gauge(Double.NEGATIVE_INFINITY, "path", "c"))
            .dataPoint(gauge(-1.5e-12, "path", ""))
            .build(),
        CounterSnapshot.builder()
            .name("demo_requests")
            .help("Requests served")
            .dataPoint(
                CounterDataPointSnapshot.builder()
                    .value(3)
                    .labels(Labels.of("code", "200"))
                    .createdTimestampMillis(CREATED_MILLIS)
                    .exemplar(
                        Exemplar.builder()
                            .value(1.5)
                            .traceId("abc")
                            .spanId("def")
                            .timestampMillis(1_700_000_000_456L)
                            .build())
                    .build())
            .dataPoint(
                CounterDataPointSnapshot.builder()
                    .value(0)
                    .labels(Labels.of("code", "500"))
                    .createdTimestampMillis(CREATED_MILLIS)
                    .build())
            .build(),
        InfoSnapshot.builder()
            .name("demo_build")
            .help("Build information")
            .dataPoint(
                InfoDataPointSnapshot.builder()
                    .labels(Labels.of("version", "1.0", "revision", "abc\"def"))
                    .build())
            .build(),
        StateSetSnapshot.builder()
            .name("demo_state")
            .help("Current state")
            .dataPoint(
                StateSetDataPointSnapshot.builder()
                    .state("master", true)
                    .state("backup", false)
                    .build())
            .build(),
        HistogramSnapshot.builder()
            .name("demo_latency_seconds")
            .help("Latency")
            .unit(Unit.SECONDS)
            .dataPoint(
                HistogramDataPointSnapshot.builder()
                    .classicHistogramBuckets(
                        ClassicHistogramBuckets.of(
                            new double[] {0.1, 1, Double.POSITIVE_INFINITY}, new long[] {1, 2, 3}))
                    .sum(4.5)
                    .build())
            .build(),
        HistogramSnapshot.builder()
            .gaugeHistogram(true)
            .name("demo_queue_size")
            .help("Queue sizes")
            .dataPoint(
                HistogramDataPointSnapshot.builder()
                    .classicHistogramBuckets(
                        ClassicHistogramBuckets.of(
                            new double[] {1, Double.POSITIVE_INFINITY}, new long[] {1, 2}))
                    .sum(4.5)
                    .build())
            .build(),
        SummarySnapshot.builder()
            .name("demo_size_bytes")
            .help("Sizes")
            .unit(Unit.BYTES)
            .dataPoint(
                SummaryDataPointSnapshot.builder()
                    .quantiles(Quantiles.of(new Quantile(0.5, 10), new Quantile(0.99, 12)))
                    .count(5)
                    .sum(50)
                    .build())
            .build(),
        UnknownSnapshot.builder()
            .name("demo_unknown")
            .help("Something")
            .dataPoint(
                UnknownDataPointSnapshot.builder()
                    .value(7)
                    .scrapeTimestampMillis(1_700_000_000_000L)
                    .build())
            .build());
  }

  private static GaugeDataPointSnapshot gauge(double value, String label, String labelValue) {
    return GaugeDataPointSnapshot.builder()
        .value(value)
        .labels(Labels.of(label, labelValue))
        .build();
  }

  static String prometheusText(MetricSnapshots snapshots) {
    return write(
        PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(true).build(), snapshots);
  }

  static String openMetrics(MetricSnapshots snapshots) {
    return write(
        OpenMetricsTextFormatWriter.builder().setCreatedTimestampsEnabled(true).build(), snapshots);
  }

  static String write(ExpositionFormatWriter writer, MetricSnapshots snapshots) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.write(out, snapshots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
