package io.github.homelabha.core.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Follows a log file that another program appends to: each {@link #poll} hands over the complete
 * lines written since the last one. A line still being written stays for the next poll. A file that
 * was rotated (another inode under the name) or truncated (shorter than what was read) is read
 * again from its start. Every poll reads at most {@code maxReadBytes}, so a huge backlog is spread
 * over several polls instead of costing the heap, and a single line longer than that is skipped and
 * counted rather than stalling the tailer. Only regular files are opened: a FIFO would block.
 */
public final class FileTailer {
  private final Path file;
  private final int maxReadBytes;
  private final long initialTailBytes;
  private String fileKey;
  private long offset = -1;
  private long overlongLines;

  private FileTailer(Path file, int maxReadBytes, long initialTailBytes) {
    if (maxReadBytes < 1) {
      throw new IllegalArgumentException("maxReadBytes must be positive");
    }
    this.file = file;
    this.maxReadBytes = maxReadBytes;
    this.initialTailBytes = initialTailBytes;
  }

  /** Reads the whole file from its start (e.g. logs of runs that happened before we started). */
  public static FileTailer fromStart(Path file, int maxReadBytes) {
    return new FileTailer(file, maxReadBytes, -1);
  }

  /**
   * Starts at the last {@code tailBytes} of the file as it is at the first poll (from the first
   * complete line there), so history before the exporter started is mostly not replayed.
   */
  public static FileTailer fromNearEnd(Path file, int maxReadBytes, long tailBytes) {
    return new FileTailer(file, maxReadBytes, tailBytes);
  }

  public Path file() {
    return file;
  }

  /**
   * Hands the new complete lines (without their line break) to {@code lines}. Returns false when
   * the file does not exist.
   */
  public synchronized boolean poll(Consumer<String> lines) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return false;
    }
    if (!attributes.isRegularFile()) {
      throw new IOException(file + " is not a regular file");
    }
    long size = attributes.size();
    String key = Objects.toString(attributes.fileKey(), "");
    boolean skipFirstLine = false;
    if (offset < 0) {
      offset = initialTailBytes < 0 ? 0 : Math.max(0, size - initialTailBytes);
      skipFirstLine = offset > 0; // starting mid-file: the first line is only part of one
      fileKey = key;
    } else if (!key.equals(fileKey) || size < offset) {
      fileKey = key;
      offset = 0;
    }
    if (size <= offset) {
      return true;
    }
    byte[] buffer = new byte[(int) Math.min(maxReadBytes, size - offset)];
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      raf.seek(offset);
      raf.readFully(buffer);
    }
    int consumed = 0;
    int lineStart = 0;
    for (int i = 0; i < buffer.length; i++) {
      if (buffer[i] == '\n') {
        if (skipFirstLine) {
          skipFirstLine = false;
        } else {
          int end = i > lineStart && buffer[i - 1] == '\r' ? i - 1 : i;
          lines.accept(new String(buffer, lineStart, end - lineStart, StandardCharsets.UTF_8));
        }
        lineStart = i + 1;
        consumed = lineStart;
      }
    }
    if (consumed == 0 && buffer.length == maxReadBytes) {
      // A line longer than a whole read is not the program's: skip it instead of stalling.
      consumed = buffer.length;
      overlongLines++;
    }
    offset += consumed;
    return true;
  }

  /** Where the next poll starts, to keep it across restarts with {@link #seek}. */
  public synchronized long offset() {
    return Math.max(offset, 0);
  }

  /** The identity (inode) of the file read so far, to tell a rotated file after a restart. */
  public synchronized String fileKey() {
    return fileKey == null ? "" : fileKey;
  }

  /** Continues where an earlier tailer of the same file stopped. */
  public synchronized void seek(String fileKey, long offset) {
    this.fileKey = fileKey;
    this.offset = Math.max(0, offset);
  }

  /** Lines skipped because they were longer than one read. */
  public synchronized long overlongLines() {
    return overlongLines;
  }
}
