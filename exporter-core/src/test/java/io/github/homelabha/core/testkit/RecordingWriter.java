package io.github.homelabha.core.testkit;

import io.github.homelabha.core.api.Histogram;
import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.core.scrape.SampleBuffer;
import io.github.homelabha.core.secrets.Redactor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A {@link MetricWriter} for unit tests of collectors: it applies exactly the core's checks
 * (declared family, label count, no series twice) and lets tests look samples up by family and
 * label values, without HTTP or an exposition format in between.
 */
public final class RecordingWriter implements MetricWriter {
  private final SampleBuffer buffer;

  /**
   * A written sample; {@code labels} in the family's label order (without the optional ones when
   * the collector left them out).
   */
  public record Sample(MetricFamily family, List<String> labels, double value) {
    /** The value of one label by name, or null (also for an optional label left out). */
    public String label(String name) {
      int i = family.labelNames().indexOf(name);
      return i < 0 || i >= labels.size() ? null : labels.get(i);
    }
  }

  /** Accepts any family. */
  public RecordingWriter() {
    this.buffer = new SampleBuffer(null, new Redactor());
  }

  /** Accepts only these families, like the core does with an exporter's declaration. */
  public RecordingWriter(Collection<MetricFamily> declared) {
    this.buffer = new SampleBuffer(Set.copyOf(declared), new Redactor());
  }

  @Override
  public void gauge(MetricFamily family, double value, String... labelValues) {
    buffer.gauge(family, value, labelValues);
  }

  @Override
  public void counter(MetricFamily family, double value, String... labelValues) {
    buffer.counter(family, value, labelValues);
  }

  @Override
  public void info(MetricFamily family, String... labelValues) {
    buffer.info(family, labelValues);
  }

  /** Recorded with its count as the sample value; {@link #histogram} returns the buckets. */
  @Override
  public void histogram(MetricFamily family, Histogram value, String... labelValues) {
    buffer.histogram(family, value, labelValues);
  }

  /** The histogram written for {@code family} with these label values, or null. */
  public Histogram histogram(MetricFamily family, String... labelValues) {
    List<SampleBuffer.Sample> list = buffer.samples().get(family);
    if (list == null) {
      return null;
    }
    for (SampleBuffer.Sample s : list) {
      if (java.util.Arrays.equals(s.labelValues(), labelValues)) {
        return s.histogram();
      }
    }
    return null;
  }

  /** Every sample, in the order written per family. */
  public List<Sample> all() {
    List<Sample> out = new ArrayList<>();
    for (Map.Entry<MetricFamily, List<SampleBuffer.Sample>> e : buffer.samples().entrySet()) {
      for (SampleBuffer.Sample s : e.getValue()) {
        out.add(new Sample(e.getKey(), List.of(s.labelValues()), s.value()));
      }
    }
    return out;
  }

  public List<Sample> samples(MetricFamily family) {
    return all().stream().filter(s -> s.family().equals(family)).toList();
  }

  /** Samples of the family named {@code name} whose labels match the {@code name, value} pairs. */
  public List<Sample> samples(String name, String... labelPairs) {
    return all().stream()
        .filter(s -> s.family().name().equals(name))
        .filter(
            s -> {
              for (int i = 0; i + 1 < labelPairs.length; i += 2) {
                if (!labelPairs[i + 1].equals(s.label(labelPairs[i]))) {
                  return false;
                }
              }
              return true;
            })
        .toList();
  }

  /** The value of the one sample of {@code family} whose label values start with these. */
  public OptionalDouble value(MetricFamily family, String... labelValuePrefix) {
    List<Sample> matches =
        samples(family).stream()
            .filter(
                s ->
                    s.labels().size() >= labelValuePrefix.length
                        && s.labels()
                            .subList(0, labelValuePrefix.length)
                            .equals(List.of(labelValuePrefix)))
            .toList();
    if (matches.size() > 1) {
      throw new AssertionError("ambiguous " + family.name() + ": " + matches);
    }
    return matches.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(matches.get(0).value());
  }

  /** Like {@link #value(MetricFamily, String...)}, failing when there is no such sample. */
  public double valueOf(MetricFamily family, String... labelValuePrefix) {
    return value(family, labelValuePrefix)
        .orElseThrow(
            () ->
                new AssertionError(
                    "no " + family.name() + List.of(labelValuePrefix) + " in " + this));
  }

  /** The value of the one sample of the family {@code name} matching the label pairs. */
  public double valueOf(String name, String... labelPairs) {
    List<Sample> matches = samples(name, labelPairs);
    if (matches.size() != 1) {
      throw new AssertionError(
          matches.size() + " samples of " + name + List.of(labelPairs) + " in " + this);
    }
    return matches.get(0).value();
  }

  @Override
  public String toString() {
    return all().toString();
  }
}
