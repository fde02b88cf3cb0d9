package io.github.homelabha.sync.rclone;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Reads what one job's log file gained since the last call and feeds it to the run tracker. At most
 * {@link #MAX_READ} bytes per call, so a huge first read is spread over several scrapes; only
 * complete lines are consumed (the offset stays before a line rclone is still writing).
 */
public final class RcloneLogFollower {
  static final int MAX_READ = 8 << 20;

  private final Path file;
  private final RcloneLogParser parser;
  private final RcloneRunTracker tracker;

  public RcloneLogFollower(Path file, RcloneLogParser parser, RcloneRunTracker tracker) {
    this.file = file;
    this.parser = parser;
    this.tracker = tracker;
  }

  /**
   * Reads new lines. Returns false when the log file does not exist (the job has not run yet, or
   * its log was removed): not an error for a one-shot job.
   */
  public boolean poll() throws IOException {
    RcloneJobState state = tracker.state();
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return false;
    }
    String key = Objects.toString(attrs.fileKey(), "");
    if (!key.equals(state.fileKey) || attrs.size() < state.offset) {
      // Rotated or truncated: the new file is read from its start.
      state.fileKey = key;
      state.offset = 0;
    }
    if (attrs.size() == state.offset) {
      return true;
    }
    int toRead = (int) Math.min(MAX_READ, attrs.size() - state.offset);
    byte[] buffer = new byte[toRead];
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      raf.seek(state.offset);
      raf.readFully(buffer);
    }
    int consumed = 0;
    int lineStart = 0;
    for (int i = 0; i < buffer.length; i++) {
      if (buffer[i] == '\n') {
        handle(new String(buffer, lineStart, i - lineStart, StandardCharsets.UTF_8));
        lineStart = i + 1;
        consumed = lineStart;
      }
    }
    if (consumed == 0 && buffer.length == MAX_READ) {
      // One line longer than the read limit is not rclone's: skip it instead of stalling.
      consumed = buffer.length;
      state.unparsedLines++;
    }
    state.offset += consumed;
    return true;
  }

  private void handle(String line) {
    if (line.isBlank()) {
      return;
    }
    try {
      parser.parse(line).ifPresentOrElse(tracker::accept, () -> tracker.state().unparsedLines++);
    } catch (RcloneParseException e) {
      tracker.state().unparsedLines++;
    }
  }
}
