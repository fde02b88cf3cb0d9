package io.github.homelabha.sync.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fake {@code /proc} for tests: whether lsyncd or rclone runs is read from it. */
public final class FakeProc {
  private FakeProc() {}

  /** A new {@code /proc} under {@code parent} with one process per name (none for no names). */
  public static ProcessTable withProcesses(Path parent, String... names) throws IOException {
    Path proc = Files.createTempDirectory(parent, "proc");
    int pid = 100;
    for (String name : names) {
      Path p = Files.createDirectories(proc.resolve(Integer.toString(pid++)));
      Files.writeString(p.resolve("comm"), name + "\n");
      Files.writeString(p.resolve("cmdline"), name + "\0--flag\0");
    }
    return new ProcessTable(proc);
  }
}
