package io.github.homelabha.core.logging;

import io.github.homelabha.core.secrets.Redactor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The redactors whose secrets are masked in log output. Logging is process-wide, so this is the one
 * place that holds every running exporter's redactor.
 */
public final class LogRedaction {
  private static final List<Redactor> REDACTORS = new CopyOnWriteArrayList<>();

  private LogRedaction() {}

  public static void add(Redactor r) {
    REDACTORS.add(r);
  }

  public static void remove(Redactor r) {
    REDACTORS.remove(r);
  }

  static String redact(String s) {
    String out = s;
    for (Redactor r : REDACTORS) {
      out = r.redact(out);
    }
    return out;
  }
}
