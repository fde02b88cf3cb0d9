package io.github.homelabha.packaging;

import static org.awaitility.Awaitility.await;

import io.github.homelabha.core.testkit.system.Commands;
import io.github.homelabha.core.testkit.system.ManagedProcess;
import io.github.homelabha.core.testkit.system.ProcessResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * This machine's {@code /etc}, {@code /usr}, {@code /var} and {@code /run} as seen through overlays
 * whose changes live in memory, in a mount namespace of their own: a package installed, tested and
 * purged there never touches the machine itself, whatever happens to the test (the changes vanish
 * with the namespace's last process), and a copy of the packages someone installed on the machine
 * is never disturbed. Everything else (processes, network, {@code /proc}) is shared.
 *
 * <p>Commands run inside through {@code nsenter}; the test reads the files inside through {@code
 * /proc/PID/root} of the process holding the namespace.
 */
public final class RootOverlay implements AutoCloseable {
  private static final List<String> OVERLAID = List.of("/etc", "/usr", "/var", "/run");

  private final ManagedProcess holder;
  private final Path upper;

  private RootOverlay(ManagedProcess holder, Path upper) {
    this.holder = holder;
    this.upper = upper;
  }

  /** Mounts the overlays in a new mount namespace and waits until they are in place. */
  public static RootOverlay start(Path workDirectory) {
    try {
      Path upper = Files.createDirectories(workDirectory.resolve("upper"));
      Path log = workDirectory.resolve("overlay.log");
      StringBuilder script = new StringBuilder("set -e\n");
      script.append("mount -t tmpfs -o mode=0700 overlay-changes '").append(upper).append("'\n");
      for (String dir : OVERLAID) {
        String layer = upper + dir;
        script.append("mkdir -p '").append(layer).append("/upper' '").append(layer);
        script.append("/work'\n");
        script.append("mount -t overlay overlay -o 'lowerdir=").append(dir);
        script.append(",upperdir=").append(layer).append("/upper,workdir=").append(layer);
        script.append("/work' ").append(dir).append('\n');
      }
      script.append("echo overlays-ready\nexec sleep infinity\n");
      ManagedProcess holder =
          ManagedProcess.start(
              List.of(
                  "unshare", "--mount", "--propagation", "private", "sh", "-c", script.toString()),
              log);
      RootOverlay overlay = new RootOverlay(holder, upper);
      await("overlays of " + OVERLAID)
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                if (!holder.isAlive()) {
                  throw new IllegalStateException("cannot mount the overlays: " + holder.logText());
                }
                return holder.logText().contains("overlays-ready");
              });
      return overlay;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code absolutePath} as the processes inside see it. */
  public Path path(String absolutePath) {
    return Path.of("/proc/" + holder.pid() + "/root" + absolutePath);
  }

  /** {@code command}, to be run inside. */
  public List<String> inside(List<String> command) {
    List<String> full =
        new ArrayList<>(List.of("nsenter", "-t", Long.toString(holder.pid()), "-m", "--"));
    full.addAll(command);
    return full;
  }

  /** Runs {@code command} inside and returns its result, whatever its exit code. */
  public ProcessResult run(Duration timeout, String... command) {
    return Commands.run(timeout, inside(List.of(command)));
  }

  /** Runs {@code command} inside; fails with its output when it exits non-zero. */
  public ProcessResult runOrThrow(Duration timeout, String... command) {
    List<String> full = inside(List.of(command));
    return Commands.run(timeout, full).orThrow(full);
  }

  /** Starts {@code command} inside, logging to {@code log}. */
  public ManagedProcess start(List<String> command, Path log) {
    return ManagedProcess.start(inside(command), log);
  }

  /** Ends the namespace: the overlays and every change made through them are gone. */
  @Override
  public void close() {
    holder.stop(Duration.ofSeconds(5));
  }

  @Override
  public String toString() {
    return "RootOverlay[" + OVERLAID + " changes in " + upper + "]";
  }
}
