package io.github.homelabha.core.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.api.Exporter;
import io.github.homelabha.core.api.ExporterSetup;
import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.catalog.MetricCatalogGenerator;
import io.github.homelabha.core.secrets.Redactor;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A family with optional labels: one declaration whatever a compatibility switch says. */
class OptionalLabelsTest {
  static final MetricFamily EVENTS =
      MetricFamily.counter("demo_events_total", "Events.", "name", "kind")
          .withOptionalLabels("state");

  @Test
  void samplesCarryAllLabelsOrOnlyTheRequiredOnes() throws Exception {
    SampleBuffer buffer = new SampleBuffer(Set.of(EVENTS), new Redactor());
    buffer.counter(EVENTS, 3, "a", "x");
    buffer.counter(EVENTS, 4, "b", "x", "MASTER");

    assertThat(render(buffer, "t"))
        .contains("demo_events_total{kind=\"x\",name=\"a\",target=\"t\"} 3.0")
        .contains("demo_events_total{kind=\"x\",name=\"b\",state=\"MASTER\",target=\"t\"} 4.0");
    assertThat(render(buffer, null))
        .contains("demo_events_total{kind=\"x\",name=\"a\"} 3.0")
        .contains("demo_events_total{kind=\"x\",name=\"b\",state=\"MASTER\"} 4.0");
  }

  @Test
  void anyOtherNumberOfLabelValuesIsRejected() {
    SampleBuffer buffer = new SampleBuffer(Set.of(EVENTS), new Redactor());
    assertThatThrownBy(() -> buffer.counter(EVENTS, 1, "a"))
        .hasMessageContaining("wrong number of label values")
        .hasMessageContaining("optional [state]");
    assertThatThrownBy(() -> buffer.counter(EVENTS, 1, "a", "x", "MASTER", "extra"))
        .isInstanceOf(IllegalStateException.class);
    MetricFamily plain = MetricFamily.counter("demo_events_total", "Events.", "name", "kind");
    assertThatThrownBy(() -> new SampleBuffer(Set.of(plain), new Redactor()).counter(plain, 1, "a"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theDeclarationDiffersFromTheSameLabelsAllRequired() {
    MetricFamily allRequired =
        MetricFamily.counter("demo_events_total", "Events.", "name", "kind", "state");
    assertThat(EVENTS).isNotEqualTo(allRequired);
    assertThat(EVENTS.labelNames()).containsExactly("name", "kind", "state");
    assertThat(EVENTS.requiredLabelCount()).isEqualTo(2);
    assertThatThrownBy(() -> EVENTS.withOptionalLabels("more"))
        .isInstanceOf(IllegalStateException.class);
    SampleBuffer declaredOtherwise = new SampleBuffer(Set.of(allRequired), new Redactor());
    assertThatThrownBy(() -> declaredOtherwise.counter(EVENTS, 1, "a", "x"))
        .hasMessageContaining("not declared");
  }

  @Test
  void theCatalogMarksOptionalLabelsLikeTheTargetLabel() {
    Exporter<?> exporter = new CatalogOnlyExporter(EVENTS);
    MetricCatalogGenerator.Entry entry =
        MetricCatalogGenerator.entries(exporter).stream()
            .filter(e -> e.name().equals("demo_events_total"))
            .findFirst()
            .orElseThrow();
    assertThat(entry.labels()).containsExactly("name", "kind", "state?", "target?");
  }

  /** Just enough of an exporter for the catalog generator. */
  private record CatalogOnlyExporter(MetricFamily family) implements Exporter<Object> {
    @Override
    public String name() {
      return "demo";
    }

    @Override
    public int defaultPort() {
      return 0;
    }

    @Override
    public String description() {
      return "Declares one family.";
    }

    @Override
    public Class<Object> configClass() {
      return Object.class;
    }

    @Override
    public List<MetricFamily> metricFamilies() {
      return List.of(family);
    }

    @Override
    public void configure(Object config, ExporterSetup setup) {}
  }

  private static String render(SampleBuffer buffer, String target) throws Exception {
    ScrapeResult result = ScrapeResult.success(buffer.samples(), Instant.now(), Duration.ZERO);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create()
        .write(out, MetricSnapshots.of(result.snapshots(target).toArray(new MetricSnapshot[0])));
    return out.toString(StandardCharsets.UTF_8);
  }
}
