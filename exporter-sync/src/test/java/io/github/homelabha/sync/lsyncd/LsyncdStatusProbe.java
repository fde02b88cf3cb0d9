package io.github.homelabha.sync.lsyncd;

import io.github.homelabha.core.testkit.FixedScrapeContext;
import io.github.homelabha.core.testkit.RecordingWriter;
import io.github.homelabha.sync.proc.ProcessTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Scrapes one status file through {@link LsyncdTarget} and prints the delays, for a child JVM with
 * a small heap ({@link LsyncdBacklogTest}). Usage: {@code LsyncdStatusProbe STATUS_FILE}.
 */
public final class LsyncdStatusProbe {
  private LsyncdStatusProbe() {}

  public static void main(String[] args) throws Exception {
    Path proc = Files.createTempDirectory("probe-proc");
    Path lsyncd = Files.createDirectories(proc.resolve("100"));
    Files.writeString(lsyncd.resolve("comm"), "lsyncd\n");
    Files.writeString(lsyncd.resolve("cmdline"), "lsyncd\0/etc/lsyncd.conf\0");
    LsyncdConfig config = new LsyncdConfig();
    config.statusFile = args[0];
    config.logFile = "";
    RecordingWriter out = new RecordingWriter();
    new LsyncdTarget(config, Map.of(), new ProcessTable(proc))
        .scrape(new FixedScrapeContext(), out);
    System.out.println(
        "delays=" + (long) out.valueOf(LsyncdCollector.DELAYS, "/srv/data/big/", ""));
  }
}
