package io.github.homelabha.core.testkit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the tokens of one exposition line. Every problem becomes an {@link
 * ExpositionParseException} naming the line, so no JDK parsing exception can leak to callers.
 *
 * <p>Whitespace differs by format: the Prometheus text format separates tokens by any run of blanks
 * and tabs, OpenMetrics by exactly one space with nothing trailing.
 */
final class LineScanner {
  // OpenMetrics ABNF "realnumber"; the text format uses Go's ParseFloat, of which we accept the
  // decimal subset (hex floats and digit underscores never come out of a Prometheus client).
  private static final Pattern REAL_NUMBER =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
  private static final int MAX_QUOTED_LINE_IN_MESSAGE = 120;

  private final String line;
  private final int lineNumber;
  private final ExpositionFormat format;
  private int pos;

  LineScanner(String line, int lineNumber, ExpositionFormat format) {
    this.line = line;
    this.lineNumber = lineNumber;
    this.format = format;
  }

  int lineNumber() {
    return lineNumber;
  }

  boolean atEnd() {
    return pos >= line.length();
  }

  char peek() {
    return line.charAt(pos);
  }

  boolean lookingAt(String text) {
    return line.startsWith(text, pos);
  }

  void expect(String text) {
    if (!lookingAt(text)) {
      throw fail("expected '" + text + "'");
    }
    pos += text.length();
  }

  /** Skips blanks and tabs (text format only; OpenMetrics has no optional whitespace). */
  void skipOptionalBlanks() {
    if (format == ExpositionFormat.PROMETHEUS_TEXT) {
      while (!atEnd() && isBlank(peek())) {
        pos++;
      }
    }
  }

  /**
   * Whether a label set follows; the text format allows blanks between a metric name and its '{',
   * which are consumed only when the brace is there.
   */
  boolean labelsFollow() {
    int ahead = pos;
    if (format == ExpositionFormat.PROMETHEUS_TEXT) {
      while (ahead < line.length() && isBlank(line.charAt(ahead))) {
        ahead++;
      }
    }
    if (ahead < line.length() && line.charAt(ahead) == '{') {
      pos = ahead;
      return true;
    }
    return false;
  }

  /** Consumes the mandatory separator between two tokens. */
  void separator() {
    if (format == ExpositionFormat.OPENMETRICS) {
      if (atEnd() || peek() != ' ') {
        throw fail("expected a single space");
      }
      pos++;
      if (!atEnd() && isBlank(peek())) {
        throw fail("OpenMetrics allows exactly one space between tokens");
      }
      return;
    }
    if (atEnd() || !isBlank(peek())) {
      throw fail("expected a blank");
    }
    skipOptionalBlanks();
  }

  /** Ends the line: trailing blanks are allowed in the text format only. */
  void expectEnd() {
    skipOptionalBlanks();
    if (!atEnd()) {
      throw fail("unexpected trailing text '" + line.substring(pos) + "'");
    }
  }

  /** Reads a token up to the next blank/tab or the end of the line. */
  String word() {
    int start = pos;
    while (!atEnd() && !isBlank(peek())) {
      pos++;
    }
    return line.substring(start, pos);
  }

  String rest() {
    String rest = line.substring(pos);
    pos = line.length();
    return rest;
  }

  String metricName() {
    int start = pos;
    if (atEnd() || !isMetricNameStart(peek())) {
      throw fail("expected a metric name");
    }
    while (!atEnd() && (isMetricNameStart(peek()) || isDigit(peek()))) {
      pos++;
    }
    return line.substring(start, pos);
  }

  /** Reads a metric name that must fill the whole token (no stray characters glued to it). */
  String metricNameToken() {
    String name = metricName();
    if (!atEnd() && !isBlank(peek())) {
      throw fail("invalid character '" + peek() + "' in metric name");
    }
    return name;
  }

  private String labelName() {
    int start = pos;
    if (atEnd() || !isLabelNameStart(peek())) {
      throw fail("expected a label name");
    }
    while (!atEnd() && (isLabelNameStart(peek()) || isDigit(peek()))) {
      pos++;
    }
    String name = line.substring(start, pos);
    if (name.startsWith("__")) {
      throw fail("label name '" + name + "' is reserved (starts with __)");
    }
    return name;
  }

  /**
   * Reads {@code {name="value",...}} at the current position. The text format tolerates blanks
   * around tokens and a trailing comma; OpenMetrics tolerates neither.
   */
  Map<String, String> labels() {
    expect("{");
    Map<String, String> labels = new LinkedHashMap<>();
    skipOptionalBlanks();
    if (lookingAt("}")) {
      pos++;
      return labels;
    }
    while (true) {
      String name = labelName();
      skipOptionalBlanks();
      expect("=");
      skipOptionalBlanks();
      String value = quotedString();
      if (labels.put(name, value) != null) {
        throw fail("duplicate label name '" + name + "'");
      }
      skipOptionalBlanks();
      if (lookingAt("}")) {
        pos++;
        return labels;
      }
      expect(",");
      skipOptionalBlanks();
      if (format == ExpositionFormat.PROMETHEUS_TEXT && lookingAt("}")) {
        pos++;
        return labels;
      }
    }
  }

  private String quotedString() {
    expect("\"");
    StringBuilder value = new StringBuilder();
    while (true) {
      if (atEnd()) {
        throw fail("unterminated label value");
      }
      char c = line.charAt(pos++);
      if (c == '"') {
        return value.toString();
      }
      if (c == '\\') {
        value.append(escape(true));
      } else {
        value.append(c);
      }
    }
  }

  /**
   * Decodes the HELP text from here to the end of the line. The text format escapes only backslash
   * and line feed there (a double quote is literal); OpenMetrics also escapes the double quote and
   * forbids it raw. Undefined escapes are rejected in both: no client we test emits them.
   */
  String helpText() {
    boolean openMetrics = format == ExpositionFormat.OPENMETRICS;
    StringBuilder help = new StringBuilder();
    while (!atEnd()) {
      char c = line.charAt(pos++);
      if (c == '\\') {
        help.append(escape(openMetrics));
      } else if (c == '"' && openMetrics) {
        pos--;
        throw fail("unescaped double quote in HELP text");
      } else {
        help.append(c);
      }
    }
    return help.toString();
  }

  private char escape(boolean quoteAllowed) {
    if (atEnd()) {
      throw fail("backslash at end of line");
    }
    char c = line.charAt(pos++);
    return switch (c) {
      case '\\' -> '\\';
      case 'n' -> '\n';
      case '"' -> {
        if (!quoteAllowed) {
          pos--;
          throw fail("invalid escape sequence '\\\"' in HELP text");
        }
        yield '"';
      }
      default -> {
        pos--;
        throw fail("invalid escape sequence '\\" + c + "'");
      }
    };
  }

  /** Parses a sample value: a decimal number, NaN or (+/-)Inf, case-insensitively. */
  double number(String token, String what) {
    String lower = token.toLowerCase(Locale.ROOT);
    String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
    if (lower.equals("nan")) {
      return Double.NaN;
    }
    if (unsigned.equals("inf") || unsigned.equals("infinity")) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return finite(token, what);
  }

  /** A finite decimal number; used for OpenMetrics timestamps too. */
  double finite(String token, String what) {
    if (!REAL_NUMBER.matcher(token).matches()) {
      throw fail("invalid " + what + " '" + token + "'");
    }
    double value = Double.parseDouble(token);
    if (Double.isInfinite(value)) {
      throw fail(what + " '" + token + "' is out of the float64 range");
    }
    return value;
  }

  /** The text format's timestamp: integer milliseconds that fit an int64. */
  long millis(String token) {
    if (!INTEGER.matcher(token).matches()) {
      throw fail("invalid timestamp '" + token + "' (the text format wants integer milliseconds)");
    }
    try {
      return Long.parseLong(token);
    } catch (NumberFormatException e) {
      throw fail("timestamp '" + token + "' does not fit in 64 bits");
    }
  }

  ExpositionParseException fail(String message) {
    String shown =
        line.length() > MAX_QUOTED_LINE_IN_MESSAGE
            ? line.substring(0, MAX_QUOTED_LINE_IN_MESSAGE) + "..."
            : line;
    return new ExpositionParseException(
        lineNumber, message + " (column " + (pos + 1) + " of \"" + shown + "\")");
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLabelNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isMetricNameStart(char c) {
    return isLabelNameStart(c) || c == ':';
  }
}
