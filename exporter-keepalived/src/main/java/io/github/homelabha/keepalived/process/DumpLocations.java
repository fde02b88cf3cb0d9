package io.github.homelabha.keepalived.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where keepalived may write its dumps: its TMPDIR (the configured dump directory), and, when the
 * directory is the default {@code /tmp}, the private {@code /tmp} systemd gives a service with
 * {@code PrivateTmp=yes} ({@code /tmp/systemd-private-*-keepalived.service-*}/tmp), so the
 * out-of-the-box setup works on distributions whose unit enables PrivateTmp.
 */
public final class DumpLocations {
  private final Path dumpDir;
  private final boolean searchPrivateTmp;

  public DumpLocations(Path dumpDir, boolean searchPrivateTmp) {
    this.dumpDir = dumpDir;
    this.searchPrivateTmp = searchPrivateTmp;
  }

  public Path dumpDir() {
    return dumpDir;
  }

  /** The existing candidate directories, the configured one first. */
  public List<Path> candidates() {
    List<Path> out = new ArrayList<>();
    if (Files.isDirectory(dumpDir)) {
      out.add(dumpDir);
    }
    if (searchPrivateTmp) {
      try (DirectoryStream<Path> ds =
          Files.newDirectoryStream(dumpDir, "systemd-private-*-keepalived.service-*")) {
        for (Path p : ds) {
          Path tmp = p.resolve("tmp");
          if (Files.isDirectory(tmp)) {
            out.add(tmp);
          }
        }
      } catch (IOException e) {
        // unreadable /tmp entries (another service's private dir): nothing to add
      }
    }
    return out;
  }

  public String describe() {
    return dumpDir + (searchPrivateTmp ? " (and systemd PrivateTmp dirs of keepalived)" : "");
  }
}
