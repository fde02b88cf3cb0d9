package io.github.homelabha.core.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The project's one parser of metric expositions: Prometheus text format 0.0.4 and OpenMetrics 1.0
 * text. It is strict on purpose, since it judges our exporters' output: anything a scraper could
 * misread is an {@link ExpositionParseException} with its line number, and no other exception
 * escapes for any input.
 *
 * <p>Checked beyond the grammar: HELP/TYPE/UNIT at most once per family and before its samples;
 * families and metrics not interleaved; each sample name allowed by its family's type ({@code
 * _total}/{@code _created} for OpenMetrics counters, {@code _bucket}/{@code _count}/{@code _sum}
 * for histograms, {@code _info} for OpenMetrics info, ...); no duplicate series; histogram buckets
 * ascending with a {@code +Inf} bucket; OpenMetrics bodies ending in {@code # EOF}.
 *
 * <p>Stricter than the specifications (and than {@code promtool check metrics}) in a few places
 * where no correct client deviates: undefined escape sequences, hex floats, upper-case TYPE values
 * and label names starting with {@code __} are rejected; HELP may not follow a family's samples;
 * counter, count and bucket values must be non-negative; right after a family with a TYPE, a sample
 * named like one of that type's siblings ({@code foo_sum} after gauge {@code foo}) is an error
 * rather than a new untyped family.
 */
public final class ExpositionParser {
  private static final int MAX_EXEMPLAR_LABEL_CHARS = 128;
  private static final Pattern UNIT = Pattern.compile("[a-zA-Z0-9_:]+");
  // Suffixes that only make sense inside a typed family; a sample ending in one right after a
  // family that does not allow it is a mistyped family, not a new untyped one.
  private static final List<String> TEXT_TYPED_SUFFIXES = List.of("_bucket", "_count", "_sum");
  private static final List<String> OPENMETRICS_TYPED_SUFFIXES =
      List.of("_total", "_created", "_bucket", "_count", "_sum", "_gcount", "_gsum", "_info");

  private final ExpositionFormat format;
  private final List<FamilyBuilder> families = new ArrayList<>();
  private final Set<List<Object>> seriesSeen = new HashSet<>();
  private FamilyBuilder current;

  private ExpositionParser(ExpositionFormat format) {
    this.format = format;
  }

  /**
   * Parses {@code body} in the format its Content-Type names: {@code application/openmetrics-text}
   * or {@code text/plain} (Prometheus text 0.0.4).
   */
  public static ParsedMetrics parse(String body, String contentType) {
    return new ExpositionParser(formatOf(contentType)).parseBody(body);
  }

  /** Parses a Prometheus text format 0.0.4 body. */
  public static ParsedMetrics parsePrometheusText(String body) {
    return new ExpositionParser(ExpositionFormat.PROMETHEUS_TEXT).parseBody(body);
  }

  /** Parses an OpenMetrics 1.0 text body. */
  public static ParsedMetrics parseOpenMetrics(String body) {
    return new ExpositionParser(ExpositionFormat.OPENMETRICS).parseBody(body);
  }

  private static ExpositionFormat formatOf(String contentType) {
    if (contentType == null) {
      throw new ExpositionParseException(0, "no Content-Type: cannot tell the exposition format");
    }
    String[] parts = contentType.split(";");
    String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
    ExpositionFormat format;
    String expectedVersion;
    if (mediaType.equals("application/openmetrics-text")) {
      format = ExpositionFormat.OPENMETRICS;
      expectedVersion = "1.0.0";
    } else if (mediaType.equals("text/plain")) {
      format = ExpositionFormat.PROMETHEUS_TEXT;
      expectedVersion = "0.0.4";
    } else {
      throw new ExpositionParseException(
          0, "unsupported Content-Type '" + contentType + "' for a metrics exposition");
    }
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].trim().split("=", 2);
      String name = parameter[0].trim().toLowerCase(Locale.ROOT);
      String value = parameter.length > 1 ? parameter[1].trim() : "";
      if (name.equals("version") && !value.equals(expectedVersion)) {
        throw new ExpositionParseException(
            0,
            "Content-Type '"
                + contentType
                + "' names version "
                + value
                + ", expected "
                + expectedVersion);
      }
      if (name.equals("charset") && !value.equalsIgnoreCase("utf-8")) {
        throw new ExpositionParseException(0, "Content-Type '" + contentType + "' is not UTF-8");
      }
    }
    return format;
  }

  private ParsedMetrics parseBody(String body) {
    if (body == null) {
      throw new ExpositionParseException(0, "no body");
    }
    List<String> lines = splitLines(body);
    boolean eofSeen = false;
    for (int i = 0; i < lines.size(); i++) {
      LineScanner line = new LineScanner(lines.get(i), i + 1, format);
      if (eofSeen) {
        throw line.fail("content after '# EOF'");
      }
      if (format == ExpositionFormat.OPENMETRICS) {
        eofSeen = openMetricsLine(line, lines.get(i));
      } else {
        textLine(line);
      }
    }
    if (format == ExpositionFormat.OPENMETRICS && !eofSeen) {
      throw new ExpositionParseException(
          Math.max(lines.size(), 1), "OpenMetrics exposition does not end with '# EOF'");
    }
    List<ParsedMetrics.Family> built = new ArrayList<>();
    for (FamilyBuilder family : families) {
      built.add(family.build());
    }
    return new ParsedMetrics(built);
  }

  /**
   * Splits on line feeds. The text format wants a final line feed; OpenMetrics allows '# EOF'
   * without one. A carriage return is never a line ending.
   */
  private List<String> splitLines(String body) {
    List<String> lines = new ArrayList<>(List.of(body.split("\n", -1)));
    String last = lines.remove(lines.size() - 1);
    if (!last.isEmpty()) {
      if (format == ExpositionFormat.PROMETHEUS_TEXT) {
        throw new ExpositionParseException(
            lines.size() + 1, "the last line does not end with a line feed");
      }
      lines.add(last);
    }
    return lines;
  }

  private void textLine(LineScanner line) {
    line.skipOptionalBlanks();
    if (line.atEnd()) {
      return; // blank lines are allowed in the text format
    }
    if (line.peek() != '#') {
      sample(line);
      return;
    }
    line.expect("#");
    line.skipOptionalBlanks();
    String keyword = line.word();
    if (!keyword.equals("HELP") && !keyword.equals("TYPE")) {
      return; // any other comment is ignored by the text format
    }
    line.separator();
    String name = line.metricNameToken();
    FamilyBuilder family = familyForDescriptor(line, name);
    if (keyword.equals("HELP")) {
      if (!line.atEnd()) {
        line.separator();
      }
      family.setHelp(line, line.helpText());
    } else {
      line.separator();
      String type = line.word();
      line.expectEnd();
      family.setType(line, type);
    }
  }

  /** Returns true for the '# EOF' line. */
  private boolean openMetricsLine(LineScanner line, String raw) {
    if (raw.isEmpty()) {
      throw line.fail("blank lines are not allowed in OpenMetrics");
    }
    if (!raw.startsWith("#")) {
      sample(line);
      return false;
    }
    if (raw.equals("# EOF")) {
      return true;
    }
    line.expect("# ");
    String keyword = line.word();
    if (!keyword.equals("HELP") && !keyword.equals("TYPE") && !keyword.equals("UNIT")) {
      throw line.fail("OpenMetrics allows no comment lines other than TYPE, UNIT, HELP and EOF");
    }
    line.separator();
    String name = line.metricName();
    FamilyBuilder family = familyForDescriptor(line, name);
    line.separator();
    switch (keyword) {
      case "HELP" -> family.setHelp(line, line.helpText());
      case "TYPE" -> {
        String type = line.rest();
        family.setType(line, type);
      }
      default -> {
        String unit = line.rest();
        if (!unit.isEmpty() && !UNIT.matcher(unit).matches()) {
          throw line.fail("invalid unit '" + unit + "'");
        }
        family.setUnit(line, unit);
      }
    }
    return false;
  }

  private FamilyBuilder familyForDescriptor(LineScanner line, String name) {
    if (current != null && current.name().equals(name)) {
      return current;
    }
    for (FamilyBuilder earlier : families) {
      if (earlier.name().equals(name)) {
        throw line.fail(
            "metadata for '"
                + name
                + "' after its family ended (families must not be interleaved)");
      }
    }
    current = new FamilyBuilder(name, format, line.lineNumber());
    families.add(current);
    return current;
  }

  private void sample(LineScanner line) {
    String name = line.metricName();
    FamilyBuilder family = familyForSample(line, name);
    String suffix = family.suffixOf(name);
    boolean hasLabels = line.labelsFollow();
    Map<String, String> labels = hasLabels ? line.labels() : Map.of();
    String timestamp = null;
    boolean exemplar = false;
    double value;
    if (format == ExpositionFormat.PROMETHEUS_TEXT) {
      // Blanks are needed only where tokens would merge: after '}' they are optional. Trailing
      // blanks are an error, as in Prometheus' own parser.
      if (hasLabels) {
        line.skipOptionalBlanks();
      } else {
        line.separator();
      }
      value = line.number(line.word(), "sample value");
      if (!line.atEnd()) {
        line.separator();
        if (line.atEnd()) {
          throw line.fail("trailing whitespace after the sample");
        }
        timestamp = line.word();
        line.millis(timestamp);
      }
    } else {
      line.separator();
      value = line.number(line.word(), "sample value");
      if (!line.atEnd() && !line.lookingAt(" # ")) {
        line.separator();
        timestamp = line.word();
        line.finite(timestamp, "timestamp");
      }
      if (line.lookingAt(" # ")) {
        exemplar(line);
        exemplar = true;
      }
    }
    if (!line.atEnd()) {
      throw line.fail("unexpected trailing text");
    }
    // OpenMetrics lets one series repeat with distinct timestamps; the text format never does.
    List<Object> series =
        Arrays.asList(
            name, new TreeMap<>(labels), format == ExpositionFormat.OPENMETRICS ? timestamp : null);
    if (!seriesSeen.add(series)) {
      throw line.fail("duplicate series " + name + labels);
    }
    family.addSample(line, name, suffix, labels, value, timestamp, exemplar);
  }

  private void exemplar(LineScanner line) {
    line.expect(" # ");
    if (!line.lookingAt("{")) {
      throw line.fail("an exemplar starts with its label set");
    }
    Map<String, String> labels = line.labels();
    int length = 0;
    for (Map.Entry<String, String> label : labels.entrySet()) {
      length += label.getKey().codePointCount(0, label.getKey().length());
      length += label.getValue().codePointCount(0, label.getValue().length());
    }
    if (length > MAX_EXEMPLAR_LABEL_CHARS) {
      throw line.fail("exemplar labels exceed " + MAX_EXEMPLAR_LABEL_CHARS + " characters");
    }
    line.separator();
    line.number(line.word(), "exemplar value");
    if (!line.atEnd()) {
      line.separator();
      line.finite(line.word(), "exemplar timestamp");
    }
  }

  /**
   * The family a sample belongs to: the current one if its type allows the name, else a new
   * implicit (untyped/unknown) family, unless an earlier family owns the name, which would mean
   * interleaved families.
   */
  private FamilyBuilder familyForSample(LineScanner line, String name) {
    if (current != null && current.suffixOf(name) != null) {
      return current;
    }
    if (current != null && misfits(current, name)) {
      throw line.fail(
          "sample '"
              + name
              + "' does not fit family '"
              + current.name()
              + "' of type "
              + current.type()
              + " (allowed: "
              + allowedNames(current)
              + ")");
    }
    for (FamilyBuilder earlier : families) {
      if (earlier.suffixOf(name) != null || earlier.name().equals(name)) {
        throw line.fail(
            "sample '"
                + name
                + "' belongs to family '"
                + earlier.name()
                + "' ("
                + earlier.type()
                + ") whose lines ended earlier (families must not be interleaved)");
      }
    }
    current = new FamilyBuilder(name, format, line.lineNumber());
    families.add(current);
    return current;
  }

  private boolean misfits(FamilyBuilder family, String sampleName) {
    if (!family.typed()) {
      return false; // without a TYPE, "foo" then "foo_count" are two untyped families
    }
    if (sampleName.equals(family.name())) {
      return true;
    }
    List<String> typedSuffixes =
        format == ExpositionFormat.OPENMETRICS ? OPENMETRICS_TYPED_SUFFIXES : TEXT_TYPED_SUFFIXES;
    for (String suffix : typedSuffixes) {
      if (sampleName.equals(family.name() + suffix)) {
        return true;
      }
    }
    return false;
  }

  private List<String> allowedNames(FamilyBuilder family) {
    List<String> names = new ArrayList<>();
    for (String suffix : format.sampleSuffixes(family.type())) {
      names.add(family.name() + suffix);
    }
    return names;
  }
}
