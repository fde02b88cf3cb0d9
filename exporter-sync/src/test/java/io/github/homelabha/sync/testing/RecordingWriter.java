package io.github.homelabha.sync.testing;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Collects samples like the core would, rejecting undeclared label counts and duplicates. */
public final class RecordingWriter implements MetricWriter {
  public record Sample(MetricFamily family, List<String> labels, double value) {}

  private final Map<String, Sample> samples = new LinkedHashMap<>();

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

  private void add(MetricFamily family, MetricFamily.Type type, double value, String... labels) {
    if (family.type() != type) {
      throw new AssertionError(family.name() + " written as " + type);
    }
    if (labels.length != family.labelNames().size()) {
      throw new AssertionError(family.name() + " wants labels " + family.labelNames());
    }
    String key = family.name() + Arrays.toString(labels);
    if (samples.put(key, new Sample(family, List.of(labels), value)) != null) {
      throw new AssertionError("written twice: " + key);
    }
  }

  /** The value of the one sample of {@code family} whose labels start with {@code labels}. */
  public OptionalDouble value(MetricFamily family, String... labels) {
    List<Sample> matches = new ArrayList<>();
    for (Sample s : samples.values()) {
      if (s.family().equals(family)
          && s.labels()
              .subList(0, Math.min(labels.length, s.labels().size()))
              .equals(List.of(labels))) {
        matches.add(s);
      }
    }
    if (matches.size() > 1) {
      throw new AssertionError("ambiguous: " + matches);
    }
    return matches.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(matches.get(0).value());
  }

  public double valueOf(MetricFamily family, String... labels) {
    return value(family, labels)
        .orElseThrow(
            () ->
                new AssertionError(
                    "no " + family.name() + Arrays.toString(labels) + " in " + samples.keySet()));
  }

  public List<Sample> samples(MetricFamily family) {
    return samples.values().stream().filter(s -> s.family().equals(family)).toList();
  }

  public List<Sample> all() {
    return List.copyOf(samples.values());
  }
}
