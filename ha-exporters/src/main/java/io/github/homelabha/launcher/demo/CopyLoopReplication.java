package io.github.homelabha.launcher.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Replication without lsyncd: every second, each file of the source directory whose size or
 * modification time differs in the target is copied (temporary file + rename, keeping the mtime, as
 * rsync does), files gone from the source are deleted. The directories are flat and small.
 */
final class CopyLoopReplication implements Replication {
  private final Path source;
  private final Path target;
  private volatile boolean stalled;

  CopyLoopReplication(Path source, Path target) {
    this.source = source;
    this.target = target;
  }

  @Override
  public String describe() {
    return "a copy loop in the demo (install lsyncd and rsync to see lsyncd's metrics)";
  }

  @Override
  public void stall(boolean stalled) {
    this.stalled = stalled;
  }

  @Override
  public void tick() throws IOException {
    if (stalled) {
      return;
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(source)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      Path copy = target.resolve(file.getFileName());
      if (Files.exists(copy)
          && Files.size(copy) == Files.size(file)
          && Files.getLastModifiedTime(copy).equals(Files.getLastModifiedTime(file))) {
        continue;
      }
      Path tmp = target.resolve("." + file.getFileName() + ".part");
      Files.copy(
          file, tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
      Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    try (Stream<Path> s = Files.list(target)) {
      for (Path copy : s.toList()) {
        if (!Files.exists(source.resolve(copy.getFileName()))) {
          Files.deleteIfExists(copy);
        }
      }
    }
  }

  @Override
  public void close() {}
}
