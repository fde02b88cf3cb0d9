package io.github.homelabha.dashboards.catalog;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads. Not a parser (promtool checks syntax): it removes
 * what cannot be a metric name (strings, label matchers, ranges, label lists after by/on/...), then
 * keeps identifiers that are not keywords and not followed by an opening parenthesis (functions,
 * aggregations).
 */
public final class PromqlMetricNames {

  private static final Pattern STRINGS =
      Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
  private static final Pattern LABEL_LISTS =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w:.])([a-zA-Z_:][a-zA-Z0-9_:]*)");
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "inf",
          "nan",
          "atan2");

  private PromqlMetricNames() {}

  public static Set<String> of(String expr) {
    String text = STRINGS.matcher(expr).replaceAll("\"\"");
    text = MATCHERS.matcher(text).replaceAll("{}");
    text = RANGES.matcher(text).replaceAll("[]");
    text = LABEL_LISTS.matcher(text).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher matcher = IDENTIFIER.matcher(text);
    while (matcher.find()) {
      String name = matcher.group(1);
      if (KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))
          || followedByParenthesis(text, matcher.end())) {
        continue;
      }
      names.add(name);
    }
    return names;
  }

  private static boolean followedByParenthesis(String text, int index) {
    int i = index;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i < text.length() && text.charAt(i) == '(';
  }
}
