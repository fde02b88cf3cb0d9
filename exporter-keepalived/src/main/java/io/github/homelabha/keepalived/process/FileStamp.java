package io.github.homelabha.keepalived.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * Identity and version of a dump file: inode, modification time and size. keepalived rewrites the
 * dump in place (same inode) or recreates it, so any difference means a new write began.
 */
public record FileStamp(boolean exists, Object fileKey, long mtimeNanos, long size) {
  public static final FileStamp MISSING = new FileStamp(false, null, 0, 0);

  public static FileStamp of(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileStamp(
          true, a.fileKey(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.size());
    } catch (IOException e) {
      return MISSING;
    }
  }

  /** Milliseconds since the epoch of the last write. */
  public long mtimeMillis() {
    return TimeUnit.NANOSECONDS.toMillis(mtimeNanos);
  }
}
