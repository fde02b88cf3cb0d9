package io.github.homelabha.core.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of a configuration with its key path, so start-up can list them all at
 * once instead of failing on the first.
 */
public final class ConfigProblems {
  private final List<String> problems;
  private final String prefix;

  public ConfigProblems() {
    this(new ArrayList<>(), "");
  }

  private ConfigProblems(List<String> problems, String prefix) {
    this.problems = problems;
    this.prefix = prefix;
  }

  /**
   * A view that prefixes every path with {@code path}, for validating a nested part of the
   * configuration that does not know where it sits. Problems go to the same list.
   */
  public ConfigProblems at(String path) {
    return new ConfigProblems(problems, join(prefix, path));
  }

  /** Records a problem at a dotted key path, e.g. {@code targets[1].pid_file}. */
  public ConfigProblems add(String path, String message) {
    String full = join(prefix, path);
    problems.add((full.isEmpty() ? "(top level)" : full) + ": " + message);
    return this;
  }

  private static String join(String prefix, String path) {
    if (path == null || path.isEmpty()) {
      return prefix;
    }
    if (prefix.isEmpty()) {
      return path;
    }
    return path.startsWith("[") ? prefix + path : prefix + "." + path;
  }

  /** Adds a problem when {@code condition} is false. */
  public ConfigProblems require(boolean condition, String path, String message) {
    if (!condition) {
      add(path, message);
    }
    return this;
  }

  public List<String> list() {
    return List.copyOf(problems);
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  /** Throws an {@link InvalidConfigException} listing every problem, if there are any. */
  public void throwIfAny() throws InvalidConfigException {
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(list());
    }
  }

  /** A configuration that cannot be used; its message lists every problem, one per line. */
  public static final class InvalidConfigException extends Exception {
    private final List<String> problems;

    public InvalidConfigException(List<String> problems) {
      super("invalid configuration:\n  " + String.join("\n  ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }
}
