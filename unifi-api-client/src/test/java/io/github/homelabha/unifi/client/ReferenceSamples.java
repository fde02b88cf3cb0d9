package io.github.homelabha.unifi.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real controller answers in {@code ../shared/reference/unifi} (beside the repository root,
 * present in CI), read in place and never copied into the project.
 */
public final class ReferenceSamples {
  private ReferenceSamples() {}

  public static Optional<Path> dir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/reference/unifi");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The sample's bytes; skips the test on a checkout without the samples, fails in CI. */
  public static byte[] read(String relative) {
    Optional<Path> dir = dir();
    if ("true".equals(System.getenv("CI"))) {
      if (dir.isEmpty()) {
        throw new AssertionError("../shared/reference/unifi missing; CI must provide it");
      }
    } else {
      assumeTrue(dir.isPresent(), "../shared/reference/unifi not present beside this checkout");
    }
    try {
      return Files.readAllBytes(dir.get().resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A bare object or array sample wrapped in the envelope controllers send it in. */
  public static byte[] enveloped(String relative) {
    String body = new String(read(relative), java.nio.charset.StandardCharsets.UTF_8).trim();
    String rows = body.startsWith("[") ? body.substring(1, body.length() - 1) : body;
    return ("{\"meta\":{\"rc\":\"ok\"},\"data\":[" + rows + "]}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
