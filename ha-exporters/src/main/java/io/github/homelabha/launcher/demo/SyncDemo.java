package io.github.homelabha.launcher.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two local directories standing for the active node's data and the standby's copy: the demo
 * changes a few files in the active one every few seconds (at most {@value #FILES} files), lsyncd
 * or a copy loop replicates them, and now and then replication stalls so the canary's lag climbs
 * and falls back.
 */
final class SyncDemo implements AutoCloseable {
  static final String SOURCE_PAIR = "app-data";
  static final String REPLICA_PAIR = "app-data-standby";
  private static final int FILES = 20;

  private final Path active;
  private final Path standby;
  private final Replication replication;
  private final Map<String, Object> lsyncdSection;
  private int writes;

  private SyncDemo(
      Path active, Path standby, Replication replication, Map<String, Object> lsyncdSection) {
    this.active = active;
    this.standby = standby;
    this.replication = replication;
    this.lsyncdSection = lsyncdSection;
  }

  static SyncDemo start(Path dir) throws IOException {
    Path active = Files.createDirectories(dir.resolve("active"));
    Path standby = Files.createDirectories(dir.resolve("standby"));
    Optional<Path> lsyncd = SystemTools.find("lsyncd");
    if (lsyncd.isPresent() && SystemTools.find("rsync").isPresent()) {
      LsyncdReplication l = LsyncdReplication.start(lsyncd.get(), dir, active, standby);
      return new SyncDemo(active, standby, l, l.exporterSection());
    }
    return new SyncDemo(active, standby, new CopyLoopReplication(active, standby), null);
  }

  /**
   * The sync exporter's configuration section: the active directory as the source of one pair (the
   * exporter writes the canary there), the standby directory as the replica of another.
   */
  Map<String, Object> exporterSection() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put(
        "pairs",
        List.of(
            Map.of("name", SOURCE_PAIR, "role", "source", "path", active.toString()),
            Map.of("name", REPLICA_PAIR, "role", "replica", "path", standby.toString())));
    s.put("canary", Map.of("interval", "2s"));
    s.put("tree", Map.of("scan_interval", "5s"));
    if (lsyncdSection != null) {
      s.put("lsyncd", lsyncdSection);
    }
    return s;
  }

  String describe() {
    return active + " -> " + standby + " by " + replication.describe();
  }

  /** Every second: replicate (copy loop) and every third second change one file. */
  void tick() throws IOException {
    replication.tick();
    if (writes++ % 3 == 0) {
      Path file = active.resolve("file-" + (writes / 3) % FILES + ".txt");
      Files.writeString(file, "changed at " + System.currentTimeMillis() + "\n");
    }
  }

  void stall(boolean stalled) throws IOException {
    replication.stall(stalled);
    System.out.println(
        LocalTime.now().truncatedTo(ChronoUnit.SECONDS)
            + (stalled
                ? " sync: replication stalls, the standby's lag grows"
                : " sync: replication resumes, the standby catches up"));
  }

  @Override
  public void close() {
    replication.close();
  }
}
