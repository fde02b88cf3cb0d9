package io.github.homelabha.core.testkit.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A long-running process a test started (a daemon such as keepalived), with stdout and stderr
 * appended to a log file. Signals go only to this process's own pid, and only while the JVM still
 * holds it as a live child, so a recycled pid is never hit. {@link #close()} stops it and whatever
 * it forked.
 */
public final class ManagedProcess implements AutoCloseable {
  /** How long {@link #close()} lets the process shut down cleanly before killing it. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

  private static final Pattern SIGNAL_NAME = Pattern.compile("(SIG)?[A-Z0-9]{2,10}");

  private final List<String> command;
  private final Path log;
  private final Process process;

  private ManagedProcess(List<String> command, Path log, Process process) {
    this.command = List.copyOf(command);
    this.log = log;
    this.process = process;
  }

  /** Starts {@code command}, appending its stdout and stderr to {@code log}. */
  public static ManagedProcess start(List<String> command, Path log) {
    try {
      Path parent = log.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Process process =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new ManagedProcess(command, log, process);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public List<String> command() {
    return command;
  }

  public Path logFile() {
    return log;
  }

  /** The log so far (stdout and stderr interleaved); empty if nothing was written yet. */
  public String logText() {
    try {
      byte[] bytes = Files.readAllBytes(log);
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends a signal by name ({@code "HUP"}, {@code "USR1"}, {@code "TERM"}...) with {@code kill -s}.
   *
   * @throws IllegalStateException if the process has already exited (its pid may be reused)
   */
  public void signal(String name) {
    if (!SIGNAL_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a signal name: " + name);
    }
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "process " + pid() + " (" + command.get(0) + ") has exited; not signalling its pid");
    }
    String bare = name.startsWith("SIG") ? name.substring(3) : name;
    Commands.run(Commands.DEFAULT_TIMEOUT, List.of("kill", "-s", bare, Long.toString(pid())))
        .orThrow(List.of("kill", "-s", bare, Long.toString(pid())));
  }

  /**
   * Waits up to {@code timeout} for the process to exit by itself; empty if it is still running.
   */
  public OptionalInt awaitExit(Duration timeout) {
    try {
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return OptionalInt.of(process.exitValue());
      }
      return OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.empty();
    }
  }

  /**
   * Sends SIGTERM, waits up to {@code grace}, then SIGKILLs the process and anything it forked that
   * is still running. Returns the exit code (128 + signal number when killed by a signal).
   */
  public int stop(Duration grace) {
    List<ProcessHandle> descendants = process.descendants().toList();
    if (process.isAlive()) {
      process.destroy(); // SIGTERM on Unix
      if (awaitExit(grace).isEmpty()) {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(5));
      }
    }
    // Forked children (a daemon's workers) normally exit with their parent; kill stragglers that
    // were ours so no test leaves a daemon behind.
    for (ProcessHandle child : descendants) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
    if (process.isAlive()) {
      throw new IllegalStateException("process " + pid() + " survived SIGKILL");
    }
    return process.exitValue();
  }

  /** Stops the process with {@link #DEFAULT_GRACE}; calling it again does nothing. */
  @Override
  public void close() {
    if (process.isAlive()) {
      stop(DEFAULT_GRACE);
    }
  }

  @Override
  public String toString() {
    return "ManagedProcess[pid=" + pid() + ", " + String.join(" ", command) + "]";
  }
}
