package io.github.homelabha.core.secrets;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replaces known secret values with {@code <secret>} in any text about to leave the process (log
 * lines, error messages, the landing page, JSON endpoints). Secrets are registered when the
 * configuration is loaded; this is a second line of defence behind never formatting them in the
 * first place.
 */
public final class Redactor {
  public static final String MASK = "<secret>";
  // Very short values would mask ordinary words; such secrets are weak anyway.
  private static final int MIN_LENGTH = 4;

  private final List<String> secrets = new CopyOnWriteArrayList<>();

  public void register(String secret) {
    if (secret != null && secret.length() >= MIN_LENGTH && !secrets.contains(secret)) {
      secrets.add(secret);
      // Longest first, so a secret containing another is masked whole.
      secrets.sort(Comparator.comparingInt(String::length).reversed());
    }
  }

  public String redact(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String out = text;
    for (String s : secrets) {
      if (out.contains(s)) {
        out = out.replace(s, MASK);
      }
    }
    return out;
  }
}
