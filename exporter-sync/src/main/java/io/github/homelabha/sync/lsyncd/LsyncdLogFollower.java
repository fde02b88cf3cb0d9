package io.github.homelabha.sync.lsyncd;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows lsyncd's logfile and counts rsync exit codes. Reads at most {@link #MAX_READ} new bytes
 * per call; at the first call it starts near the end (history before the exporter started is not
 * counted, so counters start low instead of replaying a huge file). A file that shrank was rotated
 * or truncated and is read again from its start.
 */
public final class LsyncdLogFollower {
  static final int MAX_READ = 4 << 20;
  static final int INITIAL_TAIL = 64 << 10;
  private static final Pattern FINISHED =
      Pattern.compile("Finished a list after exitcode: (\\d{1,3})\\b");
  private static final Pattern RETRYING =
      Pattern.compile("Retrying a list after exitcode = (\\d{1,3})\\b");
  private static final Pattern ERROR =
      Pattern.compile("^\\w{3} \\w{3} [ \\d]\\d [\\d:]{8} \\d{4} Error: ");

  private final Path file;
  private long offset = -1;
  private final TreeMap<Integer, Long> exits = new TreeMap<>();
  private long retries;
  private long errors;
  private Integer lastExit;
  private String pending = "";

  public LsyncdLogFollower(Path file) {
    this.file = file;
  }

  /** Reads what was appended since the last call and returns the totals. */
  public synchronized LsyncdLogCounts poll() throws IOException {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "lsyncd log file not found");
    }
    boolean skipPartialLine = false;
    if (offset < 0) {
      offset = Math.max(0, size - INITIAL_TAIL);
      skipPartialLine = offset > 0;
    } else if (size < offset) {
      offset = 0;
      pending = "";
    }
    if (size > offset) {
      int toRead = (int) Math.min(MAX_READ, size - offset);
      byte[] buffer = new byte[toRead];
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
        raf.seek(offset);
        raf.readFully(buffer);
      }
      offset += toRead;
      String text = pending + new String(buffer, StandardCharsets.UTF_8);
      int lastNewline = text.lastIndexOf('\n');
      pending = lastNewline < 0 ? text : text.substring(lastNewline + 1);
      if (pending.length() > MAX_READ) {
        // A "line" this long is not lsyncd's; drop it rather than grow without bound.
        pending = "";
      }
      String complete = lastNewline < 0 ? "" : text.substring(0, lastNewline);
      String[] lines = complete.split("\n");
      for (int i = skipPartialLine ? 1 : 0; i < lines.length; i++) {
        count(lines[i]);
      }
    }
    return new LsyncdLogCounts(exits, retries, errors, Optional.ofNullable(lastExit));
  }

  private void count(String line) {
    Matcher finished = FINISHED.matcher(line);
    if (finished.find()) {
      recordExit(Integer.parseInt(finished.group(1)));
      return;
    }
    Matcher retrying = RETRYING.matcher(line);
    if (retrying.find()) {
      recordExit(Integer.parseInt(retrying.group(1)));
      retries++;
      return;
    }
    if (ERROR.matcher(line).find()) {
      errors++;
    }
  }

  private void recordExit(int code) {
    // Exit codes are 0..255; keep the label set bounded whatever the file says.
    int bounded = Math.min(code, 256);
    exits.merge(bounded, 1L, Long::sum);
    lastExit = bounded;
  }
}
