package io.github.homelabha.core.testkit.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short commands to completion with a deadline, capturing stdout and stderr. */
public final class Commands {
  /** Long enough for any setup command; a hung command still cannot stall the build. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private Commands() {}

  public static ProcessResult run(String... command) {
    return run(DEFAULT_TIMEOUT, List.of(command));
  }

  /**
   * Runs {@code command}; output goes through temporary files so a chatty command can never block
   * on a full pipe. On timeout the process is killed and an {@link IllegalStateException} thrown.
   */
  public static ProcessResult run(Duration timeout, List<String> command) {
    return run(timeout, command, Path.of("/dev/null"));
  }

  /** Like {@link #run(Duration, List)} with the command's stdin read from {@code input}. */
  public static ProcessResult run(Duration timeout, List<String> command, Path input) {
    Path stdout = null;
    Path stderr = null;
    try {
      stdout = Files.createTempFile("homelabha-cmd-", ".out");
      stderr = Files.createTempFile("homelabha-cmd-", ".err");
      Process process =
          new ProcessBuilder(command)
              .redirectInput(input.toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish within " + timeout);
      }
      return new ProcessResult(
          process.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    } finally {
      deleteQuietly(stdout);
      deleteQuietly(stderr);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a leftover temp file is harmless; the command's result matters more
      }
    }
  }
}
