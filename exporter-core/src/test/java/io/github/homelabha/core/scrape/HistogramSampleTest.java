package io.github.homelabha.core.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.api.Histogram;
import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.secrets.Redactor;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HistogramSampleTest {
  static final MetricFamily LATENCY =
      MetricFamily.histogram("demo_duration_seconds", "How long it took.", "kind");

  @Test
  void aHistogramIsExposedWithCumulativeBucketsSumAndCount() throws Exception {
    SampleBuffer buffer = new SampleBuffer(Set.of(LATENCY), new Redactor());
    buffer.histogram(LATENCY, new Histogram(new double[] {0.1, 1}, new long[] {2, 3, 1}, 4.5), "x");
    ScrapeResult result = ScrapeResult.success(buffer.samples(), Instant.now(), Duration.ZERO);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create()
        .write(
            out,
            MetricSnapshots.of(
                result
                    .snapshots("t")
                    .toArray(new io.prometheus.metrics.model.snapshots.MetricSnapshot[0])));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("# TYPE demo_duration_seconds histogram")
        .contains("demo_duration_seconds_bucket{kind=\"x\",target=\"t\",le=\"0.1\"} 2")
        .contains("demo_duration_seconds_bucket{kind=\"x\",target=\"t\",le=\"1.0\"} 5")
        .contains("demo_duration_seconds_bucket{kind=\"x\",target=\"t\",le=\"+Inf\"} 6")
        .contains("demo_duration_seconds_count{kind=\"x\",target=\"t\"} 6")
        .contains("demo_duration_seconds_sum{kind=\"x\",target=\"t\"} 4.5");
  }

  @Test
  void histogramDeclarationsRejectReservedNames() {
    assertThatThrownBy(() -> MetricFamily.histogram("demo_seconds_count", "h"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MetricFamily.histogram("demo_seconds", "h", "le"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Histogram(new double[] {1, 0.5}, new long[] {0, 0, 0}, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
