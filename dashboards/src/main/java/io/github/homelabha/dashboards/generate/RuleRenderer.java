package io.github.homelabha.dashboards.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Renders the rule sources ({@code *.rules.yml} beside {@code parameters.yml}) into plain
 * Prometheus rule files. Fails on unknown placeholders and on parameters no rule uses, so the
 * parameter file never lies about what it tunes.
 */
public final class RuleRenderer {

  public static final String PARAMETERS_FILE = "parameters.yml";
  private static final String RULES_SUFFIX = ".rules.yml";

  private final Path rulesSourceDir;

  public RuleRenderer(Path rulesSourceDir) {
    this.rulesSourceDir = rulesSourceDir;
  }

  public RuleParameters defaultParameters() {
    return RuleParameters.load(rulesSourceDir.resolve(PARAMETERS_FILE));
  }

  /** File name to rendered rule file text, in file name order. */
  public Map<String, String> render(RuleParameters parameters) {
    Map<String, String> rendered = new LinkedHashMap<>();
    Set<String> used = new HashSet<>();
    for (Path source : ruleSources()) {
      String text;
      try {
        text = Files.readString(source);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String name = source.getFileName().toString();
      String output = PlaceholderRenderer.render(name, text, parameters, used);
      requireRuleGroups(name, output);
      rendered.put(name, output);
    }
    Set<String> unused = new TreeSet<>(parameters.asMap().keySet());
    unused.removeAll(used);
    if (!unused.isEmpty()) {
      throw new IllegalArgumentException(
          PARAMETERS_FILE + " defines parameters no rule uses: " + unused);
    }
    return rendered;
  }

  private List<Path> ruleSources() {
    try (Stream<Path> files = Files.list(rulesSourceDir)) {
      List<Path> sources =
          files.filter(p -> p.getFileName().toString().endsWith(RULES_SUFFIX)).sorted().toList();
      if (sources.isEmpty()) {
        throw new IllegalArgumentException("no *" + RULES_SUFFIX + " files in " + rulesSourceDir);
      }
      return sources;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shape promtool and the PrometheusRule resource both need; promtool checks the rest. */
  private static void requireRuleGroups(String name, String yaml) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException(name + ": not YAML after rendering: " + e.getMessage(), e);
    }
    JsonNode groups = root == null ? null : root.get("groups");
    if (groups == null || !groups.isArray() || groups.isEmpty()) {
      throw new IllegalArgumentException(name + ": expected a non-empty `groups:` list");
    }
  }
}
