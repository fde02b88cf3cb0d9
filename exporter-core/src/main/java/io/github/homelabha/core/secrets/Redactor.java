package io.github.homelabha.core.secrets;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Replaces known secret values with {@code <secret>} in any text about to leave the process (log
 * lines, error messages, the landing page, JSON endpoints, label values). Secrets are registered
 * when the configuration is loaded; this is a second line of defence behind never formatting them
 * in the first place. The user info of any URL ({@code https://user:password@host/}) is masked too,
 * registered or not: upstream error messages echo URLs with credentials the exporter never saw.
 */
public final class Redactor {
  public static final String MASK = "<secret>";
  // Very short values would mask ordinary words; such secrets are weak anyway.
  private static final int MIN_LENGTH = 4;

  /** scheme://user-info@ ; user info cannot hold '/', '@' or white space. */
  private static final Pattern USER_INFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s?#]+@");

  private final List<String> secrets = new CopyOnWriteArrayList<>();

  public void register(String secret) {
    if (secret != null && secret.length() >= MIN_LENGTH && !secrets.contains(secret)) {
      secrets.add(secret);
      // Longest first, so a secret containing another is masked whole.
      secrets.sort(Comparator.comparingInt(String::length).reversed());
    }
  }

  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = maskUrlUserInfo(text);
    if (secrets.isEmpty()) {
      return out;
    }
    for (String s : secrets) {
      if (out.contains(s)) {
        out = out.replace(s, MASK);
      }
    }
    return out;
  }

  /**
   * Masks the user info of every URL in {@code text}, needing no registered secret. Callers that
   * shorten or store upstream text call this first: a URL cut before its {@code @} no longer looks
   * like one, and its password would pass {@link #redact} unmasked.
   */
  public static String maskUrlUserInfo(String text) {
    if (text == null || !text.contains("://")) {
      return text;
    }
    return USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
  }
}
