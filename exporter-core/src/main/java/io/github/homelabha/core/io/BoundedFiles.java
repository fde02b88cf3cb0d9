package io.github.homelabha.core.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads whole files with a size cap, so a file that grows without end ({@code /dev/zero}, a runaway
 * log, a hostile user's file) costs at most the cap, never the heap. The cap is enforced on the
 * bytes actually read, not on the size the file system reports: devices and {@code /proc} files
 * report 0. Only regular files are opened; a FIFO would block the reading thread for good.
 */
public final class BoundedFiles {
  private BoundedFiles() {}

  /** The file's bytes; at most {@code maxBytes}, else {@link FileTooLargeException}. */
  public static byte[] read(Path file, long maxBytes, LinkOption... options) throws IOException {
    requireRegularFile(file, maxBytes, options);
    try (InputStream in = Files.newInputStream(file, options)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw new FileTooLargeException(file, maxBytes);
      }
      return bytes;
    }
  }

  /**
   * A stream over the file for parsers that read as they go; reading past {@code maxBytes} throws
   * {@link FileTooLargeException}, so a file that never ends costs bounded time.
   */
  public static InputStream open(Path file, long maxBytes, LinkOption... options)
      throws IOException {
    requireRegularFile(file, maxBytes, options);
    InputStream in = Files.newInputStream(file, options);
    return new FilterInputStream(in) {
      private long read;

      @Override
      public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? 0 : 1);
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        count(Math.max(0, n));
        return n;
      }

      private void count(int n) throws FileTooLargeException {
        read += n;
        if (read > maxBytes) {
          throw new FileTooLargeException(file, maxBytes);
        }
      }
    };
  }

  private static void requireRegularFile(Path file, long maxBytes, LinkOption... options)
      throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, options);
    if (!attributes.isRegularFile()) {
      throw new NotARegularFileException(file, attributes);
    }
    if (attributes.size() > maxBytes) {
      throw new FileTooLargeException(file, maxBytes);
    }
  }

  /** A human size: {@code 1 MiB}, {@code 64 KiB}, {@code 100 bytes}. */
  public static String describeSize(long bytes) {
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
  }

  /** The file holds more than the reader accepts. */
  public static final class FileTooLargeException extends IOException {
    FileTooLargeException(Path file, long maxBytes) {
      super(file + " is larger than " + describeSize(maxBytes));
    }
  }

  /** A directory, FIFO, socket or device where a file was expected. */
  public static final class NotARegularFileException extends IOException {
    NotARegularFileException(Path file, BasicFileAttributes attributes) {
      super(file + " is " + kind(attributes) + ", not a regular file");
    }

    private static String kind(BasicFileAttributes a) {
      if (a.isDirectory()) {
        return "a directory";
      }
      if (a.isSymbolicLink()) {
        return "a symbolic link";
      }
      return "a device, FIFO or socket";
    }
  }
}
