package io.github.homelabha.drill.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the samples of the named metrics from the Prometheus text format (version 0.0.4), as the
 * keepalived exporter serves it. Every line is checked, also those of other metrics, so a truncated
 * or garbled answer is rejected rather than half read.
 */
public final class ExpositionSamples {
  private ExpositionSamples() {}

  /** The samples of {@code names} in {@code text}. */
  public static List<Sample> parse(String text, Set<String> names) throws ExpositionParseException {
    List<Sample> out = new ArrayList<>();
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new ExpositionParseException(
          text.split("\n", -1).length, "the text does not end with a newline (truncated?)");
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Sample sample = new LineReader(line, i + 1).sample();
      if (names.contains(sample.name())) {
        out.add(sample);
      }
    }
    return out;
  }

  /** Reads one sample line: {@code name{label="value",...} value [timestamp]}. */
  private static final class LineReader {
    private final String line;
    private final int lineNumber;
    private int pos;

    LineReader(String line, int lineNumber) {
      this.line = line;
      this.lineNumber = lineNumber;
    }

    Sample sample() throws ExpositionParseException {
      String name = name(true);
      Map<String, String> labels = new LinkedHashMap<>();
      if (pos < line.length() && line.charAt(pos) == '{') {
        pos++;
        labels(labels);
      }
      if (pos >= line.length() || line.charAt(pos) != ' ') {
        throw fail("expected a space before the value");
      }
      String[] rest = line.substring(pos).trim().split(" +");
      if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
        throw fail("expected a value and at most a timestamp");
      }
      double value = number(rest[0]);
      if (rest.length == 2) {
        try {
          Long.parseLong(rest[1]);
        } catch (NumberFormatException e) {
          throw fail("not a timestamp: " + rest[1]);
        }
      }
      return new Sample(name, labels, value);
    }

    private void labels(Map<String, String> labels) throws ExpositionParseException {
      while (true) {
        if (pos >= line.length()) {
          throw fail("unterminated label set");
        }
        if (line.charAt(pos) == '}') {
          pos++;
          return;
        }
        String label = name(false);
        if (pos >= line.length() || line.charAt(pos) != '=') {
          throw fail("expected = after label " + label);
        }
        pos++;
        if (pos >= line.length() || line.charAt(pos) != '"') {
          throw fail("expected a quoted value for label " + label);
        }
        pos++;
        if (labels.put(label, quoted()) != null) {
          throw fail("label " + label + " given twice");
        }
        if (pos < line.length() && line.charAt(pos) == ',') {
          pos++;
        } else if (pos >= line.length() || line.charAt(pos) != '}') {
          throw fail("expected , or } after the value of label " + label);
        }
      }
    }

    private String quoted() throws ExpositionParseException {
      StringBuilder sb = new StringBuilder();
      while (pos < line.length()) {
        char c = line.charAt(pos++);
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\\') {
          if (pos >= line.length()) {
            break;
          }
          char e = line.charAt(pos++);
          switch (e) {
            case '\\' -> sb.append('\\');
            case '"' -> sb.append('"');
            case 'n' -> sb.append('\n');
            default -> throw fail("unknown escape \\" + e);
          }
        } else {
          sb.append(c);
        }
      }
      throw fail("unterminated label value");
    }

    private String name(boolean metric) throws ExpositionParseException {
      int start = pos;
      while (pos < line.length()) {
        char c = line.charAt(pos);
        boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        boolean ok = letter || (pos > start && c >= '0' && c <= '9') || (metric && c == ':');
        if (!ok) {
          break;
        }
        pos++;
      }
      if (pos == start) {
        throw fail(metric ? "expected a metric name" : "expected a label name");
      }
      return line.substring(start, pos);
    }

    private double number(String s) throws ExpositionParseException {
      switch (s) {
        case "NaN":
          return Double.NaN;
        case "+Inf":
          return Double.POSITIVE_INFINITY;
        case "-Inf":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
      // Double.parseDouble also takes "Infinity", hex floats and a trailing d/f: not exposition
      if (!s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
        throw fail("not a number: " + s);
      }
      return Double.parseDouble(s);
    }

    private ExpositionParseException fail(String message) {
      return new ExpositionParseException(lineNumber, message);
    }
  }
}
