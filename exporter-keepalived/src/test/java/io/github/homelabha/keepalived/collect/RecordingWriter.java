package io.github.homelabha.keepalived.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records samples and checks them as the core would: declared family, right label count, no series
 * written twice.
 */
final class RecordingWriter implements MetricWriter {
  record Sample(String family, Map<String, String> labels, double value) {}

  private final Set<MetricFamily> declared;
  private final List<Sample> samples = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();

  RecordingWriter(List<MetricFamily> declared) {
    this.declared = Set.copyOf(declared);
  }

  @Override
  public void gauge(MetricFamily family, double value, String... labelValues) {
    add(family, value, labelValues);
  }

  @Override
  public void counter(MetricFamily family, double value, String... labelValues) {
    add(family, value, labelValues);
  }

  @Override
  public void info(MetricFamily family, String... labelValues) {
    add(family, 1, labelValues);
  }

  private void add(MetricFamily family, double value, String... labelValues) {
    assertThat(declared).as("declared families").contains(family);
    assertThat(labelValues).hasSize(family.labelNames().size());
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < labelValues.length; i++) {
      labels.put(family.labelNames().get(i), labelValues[i]);
    }
    assertThat(seen.add(family.name() + labels))
        .as("duplicate series " + family.name() + labels)
        .isTrue();
    samples.add(new Sample(family.name(), labels, value));
  }

  List<Sample> samples(String family, String... labelPairs) {
    List<Sample> out = new ArrayList<>();
    for (Sample s : samples) {
      boolean match = s.family().equals(family);
      for (int i = 0; match && i + 1 < labelPairs.length; i += 2) {
        match = labelPairs[i + 1].equals(s.labels().get(labelPairs[i]));
      }
      if (match) {
        out.add(s);
      }
    }
    return out;
  }

  double value(String family, String... labelPairs) {
    List<Sample> s = samples(family, labelPairs);
    assertThat(s).as(family + " " + List.of(labelPairs)).hasSize(1);
    return s.get(0).value();
  }

  String dumpAll() {
    return samples.toString();
  }
}
