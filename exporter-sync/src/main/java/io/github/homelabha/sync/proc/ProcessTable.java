package io.github.homelabha.sync.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Counts processes by name from {@code /proc/PID/comm}, the way {@code pgrep -x} does. Needs no
 * privileges: comm is readable for every process unless /proc is mounted with hidepid.
 */
public final class ProcessTable {
  private final Path proc;

  public ProcessTable(Path proc) {
    this.proc = proc;
  }

  public static ProcessTable system() {
    return new ProcessTable(Path.of("/proc"));
  }

  /** Processes named {@code name}, or empty when there is no readable /proc. */
  public OptionalInt count(String name) {
    if (!Files.isDirectory(proc)) {
      return OptionalInt.empty();
    }
    int count = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path entry : entries) {
        try {
          String comm = Files.readString(entry.resolve("comm"), StandardCharsets.UTF_8).strip();
          if (comm.equals(name)) {
            count++;
          }
        } catch (IOException e) {
          // The process exited while we listed /proc: not ours to count.
        }
      }
    } catch (IOException e) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(count);
  }

  /**
   * Whether a process whose name is {@code name} has {@code argument} somewhere in its command line
   * (e.g. an rclone writing a given {@code --log-file}). Empty when /proc is not readable.
   */
  public OptionalInt countWithArgument(String name, String argument) {
    if (!Files.isDirectory(proc)) {
      return OptionalInt.empty();
    }
    int count = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path entry : entries) {
        try {
          if (!Files.readString(entry.resolve("comm"), StandardCharsets.UTF_8)
              .strip()
              .equals(name)) {
            continue;
          }
          byte[] cmdline = Files.readAllBytes(entry.resolve("cmdline"));
          // Arguments are NUL-separated; "--log-file=X" and "--log-file X" both contain X.
          String joined = new String(cmdline, StandardCharsets.UTF_8).replace('\0', '\n');
          if (joined.contains(argument)) {
            count++;
          }
        } catch (IOException e) {
          // Gone while listing, or not ours to read.
        }
      }
    } catch (IOException e) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(count);
  }
}
