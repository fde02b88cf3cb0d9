package io.github.homelabha.sync.rclone;

import io.github.homelabha.core.io.FileTailer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads what one job's log file gained since the last call and feeds it to the run tracker. At most
 * {@link #MAX_READ} bytes per call, so a huge first read is spread over several scrapes; only
 * complete lines are consumed (the offset stays before a line rclone is still writing). A rotated
 * or truncated log is read from its start (the core's {@link FileTailer}).
 */
public final class RcloneLogFollower {
  static final int MAX_READ = 8 << 20;

  private final FileTailer tailer;
  private final RcloneLogParser parser;
  private final RcloneRunTracker tracker;

  public RcloneLogFollower(Path file, RcloneLogParser parser, RcloneRunTracker tracker) {
    this.tailer = FileTailer.fromStart(file, MAX_READ);
    this.parser = parser;
    this.tracker = tracker;
  }

  /**
   * Reads new lines. Returns false when the log file does not exist (the job has not run yet, or
   * its log was removed): not an error for a one-shot job.
   */
  public boolean poll() throws IOException {
    RcloneJobState state = tracker.state();
    // The position is part of the job's state, which survives exporter restarts.
    tailer.seek(state.fileKey, state.offset);
    long overlongBefore = tailer.overlongLines();
    boolean present = tailer.poll(this::handle);
    state.fileKey = tailer.fileKey();
    state.offset = tailer.offset();
    state.unparsedLines += tailer.overlongLines() - overlongBefore;
    return present;
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
