package io.github.homelabha.sync.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Samples of a Prometheus text exposition, enough for assertions on our own output. */
public final class Scraped {
  private static final Pattern LINE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  public record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples = new ArrayList<>();
  private final String text;

  public Scraped(String text) {
    this.text = text;
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new AssertionError("not a sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
    }
  }

  /** The value of the one sample named {@code name} having all the given label pairs. */
  public OptionalDouble value(String name, String... labelPairs) {
    List<Sample> found = find(name, labelPairs);
    if (found.size() > 1) {
      throw new AssertionError("ambiguous " + name + " " + List.of(labelPairs) + ": " + found);
    }
    return found.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(found.get(0).value());
  }

  public double valueOf(String name, String... labelPairs) {
    return value(name, labelPairs)
        .orElseThrow(
            () -> new AssertionError("no " + name + " " + List.of(labelPairs) + " in\n" + text));
  }

  public List<Sample> find(String name, String... labelPairs) {
    List<Sample> found = new ArrayList<>();
    outer:
    for (Sample s : samples) {
      if (!s.name().equals(name)) {
        continue;
      }
      for (int i = 0; i + 1 < labelPairs.length; i += 2) {
        if (!labelPairs[i + 1].equals(s.labels().get(labelPairs[i]))) {
          continue outer;
        }
      }
      found.add(s);
    }
    return found;
  }

  public String text() {
    return text;
  }
}
