package io.github.homelabha.keepalived.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a short external command ({@code kill}, {@code keepalived --signum}, {@code ip}). */
public final class CommandRunner {

  /** Exit code and output of a finished command. */
  public record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  private CommandRunner() {}

  /**
   * Runs {@code command} and waits at most {@code timeout}; a command that does not finish in time
   * is killed and reported as an {@link IOException}.
   */
  public static Result run(List<String> command, Duration timeout) throws IOException {
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close(); // the commands read nothing
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException(
            command.get(0) + " did not finish within " + timeout.toMillis() + "ms");
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            // commands we run print a few lines; cap what we keep to stay bounded
            return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "";
          }
        });
  }
}
