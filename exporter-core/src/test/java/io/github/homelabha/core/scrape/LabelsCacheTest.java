package io.github.homelabha.core.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.secrets.Redactor;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsCacheTest {
  private static final MetricFamily PORT_UP =
      MetricFamily.gauge("fake_port_up", "1 when the port has link.", "mac", "port");

  /** One scrape's result, label values made anew as each scrape parses them anew. */
  private static ScrapeResult scrape(String... ports) {
    SampleBuffer buffer = new SampleBuffer(null, new Redactor());
    for (String port : ports) {
      buffer.gauge(PORT_UP, 1, new String("aa:bb"), new String(port));
    }
    return ScrapeResult.success(buffer.samples(), Instant.EPOCH, Duration.ZERO);
  }

  private static List<Labels> labels(List<MetricSnapshot> snapshots) {
    return snapshots.get(0).getDataPoints().stream().map(DataPointSnapshot::getLabels).toList();
  }

  @Test
  void seriesThatComeAgainReuseTheirLabelsAndNewOnesGetTheirOwn() {
    LabelsCache cache = new LabelsCache();
    List<Labels> first = labels(scrape("1", "2").snapshots(null, cache));
    List<Labels> second = labels(scrape("1", "3").snapshots(null, cache));

    assertThat((Object) second.get(0)).isSameAs(first.get(0));
    assertThat((Object) second.get(1))
        .isNotSameAs(first.get(1))
        .isEqualTo(Labels.of("mac", "aa:bb", "port", "3"));
    // Exactly what an exposition without the cache has.
    assertThat(second).isEqualTo(labels(scrape("1", "3").snapshots(null)));
    // Only the last exposition's series are kept: port 2 is made anew when it returns.
    List<Labels> third = labels(scrape("1", "2").snapshots(null, cache));
    assertThat((Object) third.get(1)).isNotSameAs(first.get(1)).isEqualTo(first.get(1));
  }

  @Test
  void labelsMadeWithoutTheTargetAreNotReusedWithIt() {
    LabelsCache cache = new LabelsCache();
    scrape("1").snapshots(null, cache);
    List<Labels> labelled = labels(scrape("1").snapshots("nas", cache));
    assertThat(labelled).containsExactly(Labels.of("mac", "aa:bb", "port", "1", "target", "nas"));
    assertThat((Object) labels(scrape("1").snapshots("nas", cache)).get(0))
        .isSameAs(labelled.get(0));
  }

  @Test
  void aSeriesWithoutItsOptionalLabelIsNotMistakenForOneWithIt() {
    MetricFamily events =
        MetricFamily.counter("fake_events_total", "Events.", "name").withOptionalLabels("state");
    LabelsCache cache = new LabelsCache();
    for (int i = 0; i < 2; i++) {
      SampleBuffer buffer = new SampleBuffer(null, new Redactor());
      buffer.counter(events, 1, "a");
      buffer.counter(events, 1, "b", "up");
      List<Labels> labels =
          labels(
              ScrapeResult.success(buffer.samples(), Instant.EPOCH, Duration.ZERO)
                  .snapshots(null, cache));
      assertThat(labels)
          .containsExactly(Labels.of("name", "a"), Labels.of("name", "b", "state", "up"));
    }
  }
}
