package io.github.homelabha.core.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A secret configuration value (password, API key, token). Its {@link #toString()} never shows the
 * value, and the core redacts it from logs, errors, the landing page and JSON endpoints. In YAML a
 * secret is a plain string, or comes from a file through a sibling {@code <key>_file} key (see
 * {@link #fromFile}).
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** Reads a secret file; one trailing newline is dropped, as editors and {@code echo} add it. */
  public static Secret fromFile(Path file) throws IOException {
    String s = Files.readString(file, StandardCharsets.UTF_8);
    if (s.endsWith("\r\n")) {
      s = s.substring(0, s.length() - 2);
    } else if (s.endsWith("\n")) {
      s = s.substring(0, s.length() - 1);
    }
    return new Secret(s);
  }

  /** The clear value; pass it only to the upstream that needs it. */
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return "<secret>";
  }
}
