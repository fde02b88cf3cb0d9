package io.github.homelabha.launcher.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real lsyncd copying the source directory to the target with rsync, one second after each
 * change; a stall freezes it (SIGSTOP) so its queue and the replica's lag grow, as when rsync hangs
 * on a slow link.
 */
final class LsyncdReplication implements Replication {
  private final ChildProcess lsyncd;
  private final Path statusFile;
  private final Path logFile;

  private LsyncdReplication(ChildProcess lsyncd, Path statusFile, Path logFile) {
    this.lsyncd = lsyncd;
    this.statusFile = statusFile;
    this.logFile = logFile;
  }

  static LsyncdReplication start(Path lsyncd, Path dir, Path source, Path target)
      throws IOException {
    Path status = dir.resolve("lsyncd.status");
    Path log = dir.resolve("lsyncd.log");
    Path config = dir.resolve("lsyncd.conf.lua");
    Files.writeString(
        config,
        String.join(
            "\n",
            "settings {",
            "  logfile = \"" + log + "\",",
            "  statusFile = \"" + status + "\",",
            "  statusInterval = 1,",
            "  nodaemon = true,",
            "}",
            "sync {",
            "  default.rsync,",
            "  source = \"" + source + "/\",",
            "  target = \"" + target + "/\",",
            "  delay = 1,",
            "}",
            ""));
    return new LsyncdReplication(
        ChildProcess.start(
            "lsyncd",
            dir.resolve("lsyncd.out"),
            List.of(lsyncd.toString(), "-nodaemon", config.toString())),
        status,
        log);
  }

  /** What the sync exporter's configuration needs to watch this lsyncd. */
  Map<String, Object> exporterSection() {
    return Map.of("status_file", statusFile.toString(), "log_file", logFile.toString());
  }

  @Override
  public String describe() {
    return "lsyncd (pid " + lsyncd.pid() + ")";
  }

  @Override
  public void stall(boolean stalled) throws IOException {
    lsyncd.signal(stalled ? "STOP" : "CONT");
  }

  @Override
  public void tick() {}

  @Override
  public void close() {
    try {
      lsyncd.signal("CONT"); // a stopped process would not act on SIGTERM
    } catch (IOException e) {
      // It is killed after the grace period anyway.
    }
    lsyncd.close();
  }
}
