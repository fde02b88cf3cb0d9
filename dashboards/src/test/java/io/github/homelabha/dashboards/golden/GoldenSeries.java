package io.github.homelabha.dashboards.golden;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One series of a recording, or of a promtool test's {@code input_series}: a metric name and its
 * labels, label values escaped as in the exposition format.
 */
public record GoldenSeries(
    String exporter, String scenario, String name, Map<String, String> labels, String value) {

  private static final Pattern SERIES =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?(?: (\\S+))?");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  public static GoldenSeries parse(String exporter, String scenario, String text) {
    Matcher m = SERIES.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a series: " + text);
    }
    Map<String, String> labels = new TreeMap<>();
    String body = m.group(2) == null ? "" : m.group(2);
    Matcher l = LABEL.matcher(body);
    int end = 0;
    while (l.find() && l.start() == end) {
      labels.put(l.group(1), unescape(l.group(2)));
      end = l.end();
    }
    if (end != body.length()) {
      throw new IllegalArgumentException("labels not understood in: " + text);
    }
    return new GoldenSeries(exporter, scenario, m.group(1), labels, m.group(3));
  }

  static String format(String name, Map<String, String> labels) {
    if (labels.isEmpty()) {
      return name;
    }
    return name
        + labels.entrySet().stream()
            .map(e -> e.getKey() + "=\"" + escape(e.getValue()) + "\"")
            .collect(Collectors.joining(",", "{", "}"));
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String unescape(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        char next = value.charAt(++i);
        out.append(next == 'n' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return format(name, labels) + (value == null ? "" : " " + value);
  }
}
