package io.github.homelabha.dashboards.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The label names matched in each {@code metric{label="..."}} selector of an expression. */
final class SelectorLabels {

  record Selector(String metric, List<String> labels) {}

  /** A metric name followed by braces; quoted label values may contain braces. */
  private static final Pattern SELECTOR =
      Pattern.compile(
          "(?<![\\w:.])([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{((?:[^}\"]|\"(?:[^\"\\\\]|\\\\.)*\")*)}");

  private static final Pattern MATCHER =
      Pattern.compile(
          "([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)\\s*(?:\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*')");

  private SelectorLabels() {}

  static List<Selector> of(String expr) {
    List<Selector> selectors = new ArrayList<>();
    Matcher selector = SELECTOR.matcher(expr);
    while (selector.find()) {
      List<String> labels = new ArrayList<>();
      Matcher matcher = MATCHER.matcher(selector.group(2));
      while (matcher.find()) {
        labels.add(matcher.group(1));
      }
      selectors.add(new Selector(selector.group(1), labels));
    }
    return selectors;
  }
}
