package io.github.homelabha.sync.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A process this test started; stopped by its own PID only, never by name. */
public final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final List<String> command;

  private ChildProcess(Process process, List<String> command) {
    this.process = process;
    this.command = command;
  }

  public static ChildProcess start(Path log, String... command) throws IOException {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new ChildProcess(p, List.of(command));
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for a one-shot command and returns its exit code. */
  public int waitFor(long seconds) throws Exception {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      close();
      throw new AssertionError(command + " did not finish within " + seconds + "s");
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    stop();
  }

  /** SIGTERM to our own PID, SIGKILL after 5 s. */
  public void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy(); // SIGTERM to our own PID
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
