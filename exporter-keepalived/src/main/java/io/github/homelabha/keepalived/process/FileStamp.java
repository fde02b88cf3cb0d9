package io.github.homelabha.keepalived.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Identity, version, owner and type of a dump file, read without following a link: inode,
 * modification time and size tell a new write (keepalived rewrites the dump in place or recreates
 * it); owner and type tell whether the file may be read at all.
 */
public record FileStamp(
    boolean exists, Object fileKey, long mtimeNanos, long size, int uid, int mode) {
  public static final FileStamp MISSING = new FileStamp(false, null, 0, 0, -1, 0);

  private static final int S_IFMT = 0170000;
  private static final int S_IFREG = 0100000;

  public static FileStamp of(Path file) {
    try {
      Map<String, Object> a =
          Files.readAttributes(
              file, "unix:ino,dev,lastModifiedTime,size,uid,mode", LinkOption.NOFOLLOW_LINKS);
      return new FileStamp(
          true,
          a.get("dev") + ":" + a.get("ino"),
          ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
          (Long) a.get("size"),
          (Integer) a.get("uid"),
          (Integer) a.get("mode"));
    } catch (IOException | UnsupportedOperationException e) {
      return MISSING;
    }
  }

  /** Milliseconds since the epoch of the last write. */
  public long mtimeMillis() {
    return TimeUnit.NANOSECONDS.toMillis(mtimeNanos);
  }

  /** A plain file: not a link, FIFO, socket or device. */
  public boolean regular() {
    return (mode & S_IFMT) == S_IFREG;
  }
}
