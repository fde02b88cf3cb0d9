package io.github.homelabha.dashboards.golden;

import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.dashboards.support.Bundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Expositions recorded from real exporter runs, kept in {@code src/test/golden/<exporter>/} (one
 * file per scenario, any exporter's directory is picked up). The promtool unit tests may only feed
 * series that appear here, so a rule cannot be tested against output no exporter produces.
 *
 * <p>A recorded file holds one sample per line, sorted, in the form {@code name{label="value",...}
 * value}. Values that change from run to run (timestamps, durations, counters) are written as
 * {@code _}; state values (up, info, state, status, priority, ...) are kept, so a changed meaning
 * shows up as a diff. Run the recording tests with {@code -Dgolden.update=true} to accept new
 * output; otherwise a difference fails the test and the new output is written to {@code
 * target/golden-actual/} for comparison.
 */
public final class GoldenExpositions {

  /** The exporters' own build labels differ per build. */
  private static final Set<String> VOLATILE_LABELS = Set.of("version", "revision", "java_version");

  /**
   * Suffixes of metric names whose values are states, kept in the recording. Not "_running": it
   * depends on what else runs on the test machine.
   */
  private static final List<String> STATE_SUFFIXES =
      List.of(
          "_up",
          "_info",
          "_state",
          "_present",
          "_status",
          "_success",
          "_truncated",
          "_configured",
          "_priority",
          "_exit_code",
          "_fatal_error");

  /**
   * State-like names whose value follows timing, not the situation: keepalived's text dump shows a
   * track script's run state (running or idle), which changes with the script's interval.
   */
  private static final Set<String> TIMING_DEPENDENT = Set.of("keepalived_script_state");

  private GoldenExpositions() {}

  public static Path directory() {
    return Bundle.testSource("golden");
  }

  /**
   * Compares {@code metrics} with the recording {@code <exporter>/<scenario>.prom}; {@code
   * replacements} turn run-specific label values (a temporary directory and the paths below it, the
   * host name) into fixed words.
   */
  public static void assertMatches(
      String exporter, String scenario, ParsedMetrics metrics, Map<String, String> replacements) {
    assertMatches(exporter, scenario, metrics, replacements, Set.of());
  }

  /**
   * As above, leaving out the metrics in {@code historyDependent}: series that exist only after
   * some past event (a counter labelled by transition), whose presence depends on what happened
   * before the recording.
   */
  public static void assertMatches(
      String exporter,
      String scenario,
      ParsedMetrics metrics,
      Map<String, String> replacements,
      Set<String> historyDependent) {
    assertMatches(
        exporter, scenario, metrics, replacements, s -> !historyDependent.contains(s.name()));
  }

  /** As above, recording only the samples {@code keep} accepts. */
  public static void assertMatches(
      String exporter,
      String scenario,
      ParsedMetrics metrics,
      Map<String, String> replacements,
      Predicate<ParsedMetrics.Sample> keep) {
    String actual = normalize(metrics, replacements, keep);
    Path golden = directory().resolve(exporter).resolve(scenario + ".prom");
    try {
      String expected = Files.exists(golden) ? Files.readString(golden) : null;
      if (actual.equals(expected)) {
        return;
      }
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, actual);
        return;
      }
      Path written = Bundle.module().resolve("target/golden-actual").resolve(exporter);
      Files.createDirectories(written);
      Files.writeString(written.resolve(scenario + ".prom"), actual);
      throw new AssertionError(
          "The "
              + exporter
              + " exporter's output for '"
              + scenario
              + "' no longer matches "
              + golden
              + " (new output in "
              + written.resolve(scenario + ".prom")
              + "). Check the rules and promtool tests against the new output, then re-record"
              + " with -Dgolden.update=true.\nexpected:\n"
              + expected
              + "\nactual:\n"
              + actual);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String normalize(
      ParsedMetrics metrics,
      Map<String, String> replacements,
      Predicate<ParsedMetrics.Sample> keep) {
    List<String> lines = new ArrayList<>();
    for (ParsedMetrics.Family family : metrics.families()) {
      for (ParsedMetrics.Sample sample : family.samples()) {
        if (!keep.test(sample)) {
          continue;
        }
        lines.add(line(sample, replacements));
      }
    }
    return lines.stream().sorted().distinct().collect(Collectors.joining("\n", "", "\n"));
  }

  private static String line(ParsedMetrics.Sample sample, Map<String, String> replacements) {
    Map<String, String> labels = new TreeMap<>();
    sample
        .labels()
        .forEach(
            (name, value) -> {
              String shown = VOLATILE_LABELS.contains(name) ? "_" : value;
              for (Map.Entry<String, String> r : replacements.entrySet()) {
                String key = r.getKey();
                if (shown.equals(key) || shown.startsWith(key + "/")) {
                  shown = r.getValue() + shown.substring(key.length());
                }
              }
              labels.put(name, shown);
            });
    String value =
        STATE_SUFFIXES.stream().anyMatch(sample.name()::endsWith)
                && !TIMING_DEPENDENT.contains(sample.name())
            ? formatValue(sample.value())
            : "_";
    return GoldenSeries.format(sample.name(), labels) + " " + value;
  }

  private static String formatValue(double value) {
    return value == Math.rint(value) && !Double.isInfinite(value)
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  /** Every recorded series of every exporter. */
  public static List<GoldenSeries> all() {
    List<GoldenSeries> all = new ArrayList<>();
    try (Stream<Path> files = Files.walk(directory())) {
      for (Path file : files.filter(p -> p.toString().endsWith(".prom")).sorted().toList()) {
        String exporter = directory().relativize(file).getName(0).toString();
        for (String line : Files.readAllLines(file)) {
          if (!line.isBlank()) {
            all.add(GoldenSeries.parse(exporter, file.getFileName().toString(), line));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }
}
