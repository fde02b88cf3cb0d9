package io.github.homelabha.drill.run;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a node's {@code fail} or {@code restore} argument list directly, without a shell, and waits
 * for it within a limit. Output is kept (bounded) for the log.
 */
public class CommandRunner {
  static final int MAX_OUTPUT_BYTES = 8 * 1024;

  /** What a command did. {@code exitCode} is null when it could not start or did not end. */
  public record Outcome(Integer exitCode, String output, String error) {
    public boolean succeeded() {
      return exitCode != null && exitCode == 0;
    }

    public String describe() {
      if (error != null) {
        return error;
      }
      return "exit code " + exitCode + (output.isBlank() ? "" : ", output: " + output.strip());
    }
  }

  public Outcome run(List<String> argv, Duration limit) {
    Process process;
    try {
      process =
          new ProcessBuilder(argv)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
    } catch (IOException e) {
      return new Outcome(null, "", "cannot start " + argv.get(0) + ": " + e.getMessage());
    }
    OutputCollector collector = new OutputCollector(process.getInputStream());
    collector.start();
    try {
      if (!process.waitFor(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return new Outcome(
            null, collector.text(), "did not end within " + limit.toMillis() + " ms");
      }
      collector.join(1000);
      return new Outcome(process.exitValue(), collector.text(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return new Outcome(null, collector.text(), "interrupted");
    }
  }

  /** Reads the command's output, keeping the first {@link #MAX_OUTPUT_BYTES}. */
  private static final class OutputCollector extends Thread {
    private final InputStream in;
    private final byte[] kept = new byte[MAX_OUTPUT_BYTES];
    private int length;

    OutputCollector(InputStream in) {
      super("command-output");
      setDaemon(true);
      this.in = in;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[4096];
      try (in) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          synchronized (this) {
            int copy = Math.min(n, kept.length - length);
            System.arraycopy(buffer, 0, kept, length, copy);
            length += copy;
          }
        }
      } catch (IOException e) {
        // the process ended or was killed: what was read so far is kept
      }
    }

    synchronized String text() {
      return new String(kept, 0, length, StandardCharsets.UTF_8);
    }
  }

  /** The command as a shell user would read it, for the log and --dry-run. */
  public static String display(List<String> argv) {
    StringBuilder sb = new StringBuilder();
    for (String arg : argv) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(arg.matches("[A-Za-z0-9_./:=@,+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
    }
    return sb.toString();
  }
}
