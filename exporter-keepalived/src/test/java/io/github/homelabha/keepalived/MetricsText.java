package io.github.homelabha.keepalived;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough of the Prometheus text format to look up samples in tests. */
public final class MetricsText {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\S+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples = new ArrayList<>();
  private final String text;

  public MetricsText(String text) {
    this.text = text;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        throw new AssertionError("unparseable sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
    }
  }

  public String text() {
    return text;
  }

  /** Samples of {@code name} whose labels include all the given pairs. */
  public List<Sample> find(String name, String... labelPairs) {
    List<Sample> out = new ArrayList<>();
    for (Sample s : samples) {
      if (!s.name().equals(name)) {
        continue;
      }
      boolean ok = true;
      for (int i = 0; i + 1 < labelPairs.length; i += 2) {
        ok &= labelPairs[i + 1].equals(s.labels().get(labelPairs[i]));
      }
      if (ok) {
        out.add(s);
      }
    }
    return out;
  }

  /** The single matching sample's value; empty when none, error when ambiguous. */
  public OptionalDouble value(String name, String... labelPairs) {
    List<Sample> f = find(name, labelPairs);
    if (f.size() > 1) {
      throw new AssertionError("ambiguous: " + name + " " + List.of(labelPairs) + " -> " + f);
    }
    return f.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(f.get(0).value());
  }

  public double valueOf(String name, String... labelPairs) {
    return value(name, labelPairs)
        .orElseThrow(
            () ->
                new AssertionError("missing " + name + " " + List.of(labelPairs) + " in\n" + text));
  }
}
