package io.github.homelabha.keepalived.process;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where keepalived writes its dumps: its TMPDIR (the configured dump directory) as keepalived
 * itself sees it. Looking through {@code /proc/PID/root} finds the private {@code /tmp} systemd
 * gives a unit with {@code PrivateTmp=yes}, or a container's, from the keepalived process itself:
 * no directory another user could create is ever considered. Where {@code /proc/PID/root} cannot be
 * entered (an exporter without root), the configured directory is read as it is.
 */
public final class DumpLocations {
  private final Path dumpDir;
  private final Path proc;

  public DumpLocations(Path dumpDir) {
    this(dumpDir, Path.of("/proc"));
  }

  DumpLocations(Path dumpDir, Path proc) {
    this.dumpDir = dumpDir.toAbsolutePath().normalize();
    this.proc = proc;
  }

  public Path dumpDir() {
    return dumpDir;
  }

  /** The dump directory in {@code process}'s view of the file system. */
  public Path directoryOf(KeepalivedProcess process) {
    Path root = proc.resolve(Long.toString(process.pid())).resolve("root");
    Path seen = root.resolve(dumpDir.toString().substring(1));
    return Files.isDirectory(seen) ? seen : dumpDir;
  }

  public String describe() {
    return dumpDir + " (as keepalived sees it)";
  }
}
