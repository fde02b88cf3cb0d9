package io.github.homelabha.launcher;

import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import io.github.homelabha.core.cli.ExporterMain.UsageException;

/** One exporter (or the shared configuration file) could not start; the message names it. */
public final class ExporterStartException extends Exception {
  private final String exporter;
  private final boolean usage;

  ExporterStartException(String exporter, String message, Throwable cause) {
    super(exporter + ": " + message, cause);
    this.exporter = exporter;
    this.usage = cause instanceof UsageException;
  }

  /** The exporter's name, or {@code configuration} for the launcher's own file. */
  public String exporter() {
    return exporter;
  }

  /** Exit code: 2 for a bad flag, 1 for anything else, as for a single exporter. */
  public int exitCode() {
    return usage ? 2 : 1;
  }

  static String describe(Throwable e) {
    if (e instanceof UsageException || e instanceof InvalidConfigException) {
      return e.getMessage();
    }
    StringBuilder sb = new StringBuilder("cannot start");
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && sb.indexOf(t.getMessage()) < 0) {
        sb.append(": ").append(t.getMessage());
      }
    }
    return sb.toString();
  }
}
