package io.github.homelabha.core.testkit;

import static io.github.homelabha.core.testkit.GoldenSnapshots.AWKWARD_HELP;
import static io.github.homelabha.core.testkit.GoldenSnapshots.AWKWARD_LABEL;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.testkit.ParsedMetrics.Family;
import io.github.homelabha.core.testkit.ParsedMetrics.Sample;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** client_java writes; we parse back and must get exactly what was written. */
class ExpositionParserGoldenTest {
  private static final double CREATED_SECONDS = GoldenSnapshots.CREATED_MILLIS / 1000.0;

  @Test
  void readsBackEveryTypeFromThePrometheusTextWriter() {
    String body = GoldenSnapshots.prometheusText(GoldenSnapshots.allTypes());

    ParsedMetrics parsed = ExpositionParser.parse(body, PrometheusTextFormatWriter.CONTENT_TYPE);

    assertThat(parsed.families())
        .containsExactlyInAnyOrder(
            family(
                "demo_build_info",
                "gauge",
                "Build information",
                null,
                sample("demo_build_info", 1, "revision", "abc\"def", "version", "1.0")),
            family(
                "demo_latency_seconds",
                "histogram",
                "Latency",
                null,
                sample("demo_latency_seconds_bucket", 1, "le", "0.1"),
                sample("demo_latency_seconds_bucket", 3, "le", "1.0"),
                sample("demo_latency_seconds_bucket", 6, "le", "+Inf"),
                sample("demo_latency_seconds_count", 6),
                sample("demo_latency_seconds_sum", 4.5)),
            family(
                "demo_queue_size",
                "histogram",
                "Queue sizes",
                null,
                sample("demo_queue_size_bucket", 1, "le", "1.0"),
                sample("demo_queue_size_bucket", 3, "le", "+Inf")),
            family(
                "demo_queue_size_gcount",
                "gauge",
                "Queue sizes",
                null,
                sample("demo_queue_size_gcount", 3)),
            family(
                "demo_queue_size_gsum",
                "gauge",
                "Queue sizes",
                null,
                sample("demo_queue_size_gsum", 4.5)),
            family(
                "demo_requests_total",
                "counter",
                "Requests served",
                null,
                sample("demo_requests_total", 3, "code", "200"),
                sample("demo_requests_total", 0, "code", "500")),
            family(
                "demo_requests_created",
                "gauge",
                "Requests served",
                null,
                sample("demo_requests_created", GoldenSnapshots.CREATED_MILLIS, "code", "200"),
                sample("demo_requests_created", GoldenSnapshots.CREATED_MILLIS, "code", "500")),
            family(
                "demo_size_bytes",
                "summary",
                "Sizes",
                null,
                sample("demo_size_bytes", 10, "quantile", "0.5"),
                sample("demo_size_bytes", 12, "quantile", "0.99"),
                sample("demo_size_bytes_count", 5),
                sample("demo_size_bytes_sum", 50)),
            family(
                "demo_state",
                "gauge",
                "Current state",
                null,
                sample("demo_state", 0, "demo_state", "backup"),
                sample("demo_state", 1, "demo_state", "master")),
            temperatures(null),
            family("demo_unknown", "untyped", "Something", null, sample("demo_unknown", 7)));
  }

  @Test
  void readsBackEveryTypeFromTheOpenMetricsWriter() {
    String body = GoldenSnapshots.openMetrics(GoldenSnapshots.allTypes());

    ParsedMetrics parsed = ExpositionParser.parse(body, OpenMetricsTextFormatWriter.CONTENT_TYPE);

    assertThat(parsed.families())
        .containsExactlyInAnyOrder(
            family(
                "demo_build",
                "info",
                "Build information",
                null,
                sample("demo_build_info", 1, "revision", "abc\"def", "version", "1.0")),
            family(
                "demo_latency_seconds",
                "histogram",
                "Latency",
                "seconds",
                sample("demo_latency_seconds_bucket", 1, "le", "0.1"),
                sample("demo_latency_seconds_bucket", 3, "le", "1.0"),
                sample("demo_latency_seconds_bucket", 6, "le", "+Inf"),
                sample("demo_latency_seconds_count", 6),
                sample("demo_latency_seconds_sum", 4.5)),
            family(
                "demo_queue_size",
                "gaugehistogram",
                "Queue sizes",
                null,
                sample("demo_queue_size_bucket", 1, "le", "1.0"),
                sample("demo_queue_size_bucket", 3, "le", "+Inf"),
                sample("demo_queue_size_gcount", 3),
                sample("demo_queue_size_gsum", 4.5)),
            family(
                "demo_requests",
                "counter",
                "Requests served",
                null,
                sample("demo_requests_total", 3, "code", "200"),
                sample("demo_requests_created", CREATED_SECONDS, "code", "200"),
                sample("demo_requests_total", 0, "code", "500"),
                sample("demo_requests_created", CREATED_SECONDS, "code", "500")),
            family(
                "demo_size_bytes",
                "summary",
                "Sizes",
                "bytes",
                sample("demo_size_bytes", 10, "quantile", "0.5"),
                sample("demo_size_bytes", 12, "quantile", "0.99"),
                sample("demo_size_bytes_count", 5),
                sample("demo_size_bytes_sum", 50)),
            family(
                "demo_state",
                "stateset",
                "Current state",
                null,
                sample("demo_state", 0, "demo_state", "backup"),
                sample("demo_state", 1, "demo_state", "master")),
            temperatures("celsius"),
            family("demo_unknown", "unknown", "Something", null, sample("demo_unknown", 7)));
    assertThat(body).contains(" # {span_id=\"def\",trace_id=\"abc\"} 1.5 "); // exemplar was read
  }

  /**
   * The JVM metrics every exporter serves, written once and read back in both formats: the two
   * parses agree sample by sample and match the snapshots' names, types and point counts.
   */
  @Test
  void jvmMetricsReadTheSameInBothFormats() {
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    MetricSnapshots snapshots = registry.scrape();

    ParsedMetrics text =
        ExpositionParser.parsePrometheusText(
            GoldenSnapshots.write(PrometheusTextFormatWriter.create(), snapshots));
    ParsedMetrics openMetrics =
        ExpositionParser.parseOpenMetrics(
            GoldenSnapshots.write(OpenMetricsTextFormatWriter.create(), snapshots));

    assertThat(snapshots.size()).isGreaterThan(10);
    assertThat(samplesByIdentity(openMetrics)).isEqualTo(samplesByIdentity(text));
    for (MetricSnapshot snapshot : snapshots) {
      String name = snapshot.getMetadata().getPrometheusName();
      if (snapshot.getDataPoints().isEmpty()) {
        // e.g. allocation counters before the first GC: the writers leave such families out
        assertThat(openMetrics.family(name)).as(name).isEmpty();
        continue;
      }
      Family family = openMetrics.family(name).orElseThrow(() -> new AssertionError(name));
      assertThat(family.type()).as(name).isEqualTo(openMetricsType(snapshot));
      String countedSample = family.type().equals("summary") ? name + "_count" : null;
      assertThat(family.samples())
          .as(name)
          .filteredOn(s -> countedSample == null || s.name().equals(countedSample))
          .hasSize(snapshot.getDataPoints().size());
    }
  }

  private static String openMetricsType(MetricSnapshot snapshot) {
    if (snapshot instanceof CounterSnapshot) {
      return "counter";
    }
    if (snapshot instanceof GaugeSnapshot) {
      return "gauge";
    }
    if (snapshot instanceof InfoSnapshot) {
      return "info";
    }
    if (snapshot instanceof SummarySnapshot) {
      return "summary";
    }
    throw new AssertionError("JVM metrics gained a type this test does not know: " + snapshot);
  }

  private static Map<String, Double> samplesByIdentity(ParsedMetrics parsed) {
    Map<String, Double> samples = new HashMap<>();
    for (Family family : parsed.families()) {
      for (Sample sample : family.samples()) {
        samples.put(sample.name() + new java.util.TreeMap<>(sample.labels()), sample.value());
      }
    }
    return samples;
  }

  private static Family temperatures(String unit) {
    return family(
        "demo_temperature_celsius",
        "gauge",
        AWKWARD_HELP,
        unit,
        sample("demo_temperature_celsius", -1.5e-12, "path", ""),
        sample("demo_temperature_celsius", Double.NaN, "path", AWKWARD_LABEL),
        sample("demo_temperature_celsius", Double.POSITIVE_INFINITY, "path", "b"),
        sample("demo_temperature_celsius", Double.NEGATIVE_INFINITY, "path", "c"));
  }

  static Family family(String name, String type, String help, String unit, Sample... samples) {
    return new Family(name, type, help, unit, List.of(samples));
  }

  static Sample sample(String name, double value, String... labelPairs) {
    Map<String, String> labels = new java.util.LinkedHashMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      labels.put(labelPairs[i], labelPairs[i + 1]);
    }
    return new Sample(name, labels, value);
  }
}
