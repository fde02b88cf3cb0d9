package io.github.homelabha.core.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of a configuration with its key path, so start-up can list them all at
 * once instead of failing on the first.
 */
public final class ConfigProblems {
  private final List<String> problems = new ArrayList<>();

  /** Records a problem at a dotted key path, e.g. {@code targets[1].pid_file}. */
  public ConfigProblems add(String path, String message) {
    problems.add((path == null || path.isEmpty() ? "(top level)" : path) + ": " + message);
    return this;
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
