package io.github.homelabha.sync.lsyncd;

import io.github.homelabha.core.io.FileTailer;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows lsyncd's logfile and counts rsync exit codes. Reads at most {@link #MAX_READ} new bytes
 * per call; at the first call it starts near the end (history before the exporter started is not
 * counted, so counters start low instead of replaying a huge file). A rotated or truncated file is
 * read again from its start (the core's {@link FileTailer}).
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

  private final FileTailer tailer;
  private final TreeMap<Integer, Long> exits = new TreeMap<>();
  private long retries;
  private long errors;
  private Integer lastExit;

  public LsyncdLogFollower(Path file) {
    this.tailer = FileTailer.fromNearEnd(file, MAX_READ, INITIAL_TAIL);
  }

  /** Reads what was appended since the last call and returns the totals. */
  public synchronized LsyncdLogCounts poll() throws IOException {
    if (!tailer.poll(this::count)) {
      throw new NoSuchFileException(tailer.file().toString(), null, "lsyncd log file not found");
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
