package io.github.homelabha.unifi.exporter.golden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes promtool unit tests whose input series are the recorded expositions, one scrape a minute,
 * with the labels a scrape config adds ({@code cluster}, {@code node}, {@code job}, {@code
 * instance}).
 */
final class PromtoolTestWriter {
  static final Map<String, String> SCRAPE_LABELS =
      Map.of("cluster", "home", "node", "n1", "job", "unifi", "instance", "n1:9130");
  private static final Pattern LINE = Pattern.compile("([a-z_]+)\\{(.*)} (\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");

  /** A state held for {@code minutes} scrapes. */
  record Segment(String state, int minutes) {}

  /** An expected alert: its labels and annotations. */
  record Expected(Map<String, String> labels, Map<String, String> annotations) {}

  /** At {@code evalTime}, {@code alert} fires with exactly these instances (none: silent). */
  record Check(String evalTime, String alert, List<Expected> alerts) {}

  record Case(String name, List<Segment> timeline, List<Check> checks) {}

  private final Map<String, List<String>> states;

  PromtoolTestWriter(Map<String, List<String>> states) {
    this.states = states;
  }

  /** The labels (scrape labels added) of the recorded series matching name and label subset. */
  Map<String, String> series(String state, String name, Map<String, String> subset) {
    return series(state, name, subset, null);
  }

  /** The same, of the series with this value (as exposed, e.g. {@code 0}); null: any value. */
  Map<String, String> series(String state, String name, Map<String, String> subset, String value) {
    for (String line : states.get(state)) {
      Matcher m = LINE.matcher(line);
      if (m.matches() && m.group(1).equals(name) && (value == null || value.equals(m.group(3)))) {
        Map<String, String> labels = labels(m.group(2));
        if (labels.entrySet().containsAll(subset.entrySet())) {
          Map<String, String> out = new TreeMap<>(labels);
          out.putAll(SCRAPE_LABELS);
          return out;
        }
      }
    }
    throw new IllegalStateException("no " + name + subset + " recorded in " + state);
  }

  String write(List<Case> cases) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "# promtool unit tests for unifi.rules.yml (rendered with the default parameters.yml).\n");
    sb.append(
        "# GENERATED from expositions the real exporter-unifi served while the simulator went\n");
    sb.append(
        "# through each fault (exporter-unifi/src/test/resources/golden/); do not edit by hand:\n");
    sb.append("# run UnifiGoldenTest with -Dgolden.update=true.\n");
    sb.append("rule_files:\n  - unifi.rules.yml\n\nevaluation_interval: 1m\n\ntests:\n");
    for (Case c : cases) {
      sb.append("  - name: ").append(c.name()).append("\n    interval: 1m\n    input_series:\n");
      for (Map.Entry<String, String> e : inputSeries(c.timeline()).entrySet()) {
        sb.append("      - series: '").append(e.getKey()).append("'\n");
        sb.append("        values: '").append(e.getValue()).append("'\n");
      }
      sb.append("    alert_rule_test:\n");
      for (Check check : c.checks()) {
        sb.append("      - eval_time: ").append(check.evalTime()).append('\n');
        sb.append("        alertname: ").append(check.alert()).append('\n');
        if (check.alerts().isEmpty()) {
          sb.append("        exp_alerts: []\n");
          continue;
        }
        sb.append("        exp_alerts:\n");
        for (Expected e : check.alerts()) {
          sb.append("          - exp_labels: ").append(flow(e.labels())).append('\n');
          sb.append("            exp_annotations:\n");
          for (Map.Entry<String, String> a : new TreeMap<>(e.annotations()).entrySet()) {
            sb.append("              ")
                .append(a.getKey())
                .append(": ")
                .append(quote(a.getValue()))
                .append('\n');
          }
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Series text to promtool's expanding notation over the whole timeline. */
  private Map<String, String> inputSeries(List<Segment> timeline) {
    Set<String> keys = new LinkedHashSet<>();
    List<Map<String, String>> valuesPerSegment = new ArrayList<>();
    for (Segment seg : timeline) {
      Map<String, String> values = new LinkedHashMap<>();
      for (String line : states.get(seg.state())) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
          throw new IllegalStateException("unexpected line " + line);
        }
        Map<String, String> labels = new TreeMap<>(labels(m.group(2)));
        labels.putAll(SCRAPE_LABELS);
        String key = m.group(1) + flowSelector(labels);
        keys.add(key);
        values.put(key, m.group(3));
      }
      valuesPerSegment.add(values);
    }
    Map<String, String> out = new TreeMap<>();
    for (String key : keys) {
      List<String> parts = new ArrayList<>();
      boolean present = false;
      for (int i = 0; i < timeline.size(); i++) {
        String v = valuesPerSegment.get(i).get(key);
        int n = timeline.get(i).minutes();
        if (v != null) {
          parts.add(n == 1 ? v : v + "x" + (n - 1));
          present = true;
        } else if (present) {
          // Gone from the exposition: a stale marker, as Prometheus writes one.
          parts.add("stale");
          int rest = n - 1;
          if (rest == 1) {
            parts.add("_");
          } else if (rest > 1) {
            parts.add("_x" + (rest - 1));
          }
          present = false;
        } else {
          parts.add(n == 1 ? "_" : "_x" + (n - 1));
        }
      }
      out.put(key, String.join(" ", parts));
    }
    return out;
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new LinkedHashMap<>();
    Matcher m = LABEL.matcher(text);
    while (m.find()) {
      labels.put(m.group(1), m.group(2));
    }
    return labels;
  }

  private static String flowSelector(Map<String, String> labels) {
    StringBuilder sb = new StringBuilder("{");
    labels.forEach((k, v) -> sb.append(k).append("=\"").append(v).append("\","));
    sb.setLength(sb.length() - 1);
    return sb.append('}').toString();
  }

  private static String flow(Map<String, String> labels) {
    StringBuilder sb = new StringBuilder("{");
    new TreeMap<>(labels)
        .forEach((k, v) -> sb.append(k).append(": ").append(quote(v)).append(", "));
    sb.setLength(sb.length() - 2);
    return sb.append('}').toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
