package io.github.homelabha.adguard.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Our own sample answers (shapes of AdGuard Home v0.107), in {@code src/test/resources/answers}.
 */
public final class Answers {
  private Answers() {}

  public static byte[] read(String name) {
    try (InputStream in = Answers.class.getResourceAsStream("/answers/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample answer " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
