package io.github.homelabha.dashboards.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The AdGuard alerts are tested on series the exporter really emits: every input series of {@code
 * adguard.test.yml}, without the labels the scrape config adds, is a series of the exposition
 * recorded from a real run of exporter-adguard against the AdGuard simulator (kept and re-checked
 * by that module's {@code GoldenExpositionTest}).
 */
class AdGuardRuleInputsTest {
  static final Path GOLDEN =
      Path.of("../exporter-adguard/src/test/resources/golden/adguard-pair.prom");
  static final Path TESTS = Path.of("src/test/promtool/adguard.test.yml");
  static final Set<String> SCRAPE_LABELS = Set.of("cluster", "node", "instance", "job");
  private static final Pattern SERIES = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(.*)}");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  record Series(String name, Map<String, String> labels) {}

  static Series parse(String text) {
    Matcher m = SERIES.matcher(text.trim());
    if (!m.matches()) {
      return new Series(text.trim(), Map.of());
    }
    Map<String, String> labels = new TreeMap<>();
    Matcher l = LABEL.matcher(m.group(2));
    while (l.find()) {
      labels.put(l.group(1), l.group(2));
    }
    return new Series(m.group(1), labels);
  }

  @Test
  void everyInputSeriesWasRecordedFromTheRealExporter() throws Exception {
    List<Series> recorded = new ArrayList<>();
    for (String line : Files.readAllLines(GOLDEN)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        recorded.add(parse(line.substring(0, line.lastIndexOf(' '))));
      }
    }
    JsonNode tests = new ObjectMapper(new YAMLFactory()).readTree(TESTS.toFile());
    List<String> invented = new ArrayList<>();
    int checked = 0;
    for (JsonNode test : tests.path("tests")) {
      for (JsonNode input : test.path("input_series")) {
        Series s = parse(input.path("series").asText());
        Map<String, String> own = new TreeMap<>(s.labels());
        assertThat(own.keySet()).as("scrape labels on " + s).containsAll(SCRAPE_LABELS);
        own.keySet().removeAll(SCRAPE_LABELS);
        checked++;
        if (!recorded.contains(new Series(s.name(), own))) {
          invented.add(s.name() + own);
        }
      }
    }
    assertThat(checked).isPositive();
    assertThat(invented).as("input series the exporter did not emit in the recording").isEmpty();
  }
}
