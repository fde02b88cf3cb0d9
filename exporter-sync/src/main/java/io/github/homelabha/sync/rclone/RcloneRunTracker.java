package io.github.homelabha.sync.rclone;

import java.time.Instant;

/**
 * Turns log lines into runs. rclone writes no "run started/finished" line, so:
 *
 * <ul>
 *   <li>a stats line belongs to the current run when its implied start ({@code time - elapsedTime})
 *       is not after the current run's last line; otherwise a new run began and the current one is
 *       over;
 *   <li>the plain {@code Failed to ...} line ends the current run as failed;
 *   <li>{@link #finishIdle} ends it when the caller knows rclone is done (no process has the log
 *       open any more, or the log has been quiet for the settle time).
 * </ul>
 *
 * A finished run succeeded when it ended without the failure line, without errors and without a
 * fatal error.
 */
public final class RcloneRunTracker {
  /** Slack for the implied start: elapsedTime and time are taken a little apart. */
  static final long START_SLACK_MS = 1000;

  private final RcloneJobState state;

  public RcloneRunTracker(RcloneJobState state) {
    this.state = state;
  }

  public RcloneJobState state() {
    return state;
  }

  public void accept(RcloneLogLine line) {
    long t = line.time().toEpochMilli();
    switch (line.kind()) {
      case STATS -> {
        RcStats stats = line.stats().orElseThrow();
        long impliedStart = t - (long) (stats.elapsedTime() * 1000);
        RcloneJobState.Run run = state.current;
        if (run != null && impliedStart > run.lastLineMs + START_SLACK_MS) {
          finish(false, "");
          run = null;
        }
        if (run == null) {
          run = new RcloneJobState.Run();
          run.startMs = impliedStart;
          state.current = run;
        }
        run.lastLineMs = Math.max(run.lastLineMs, t);
        run.errors = stats.errors();
        run.bytes = stats.bytes();
        run.transfers = stats.transfers();
        run.elapsedSeconds = stats.elapsedTime();
        run.fatal = stats.fatalError();
        stats.lastError().ifPresent(m -> recordError(m, t));
      }
      case ERROR -> recordError(line.message(), t);
      case FAILURE -> {
        recordError(line.message(), t);
        if (state.current == null) {
          // Failed before any stats were logged (e.g. run without -v): a run of its own.
          state.current = new RcloneJobState.Run();
          state.current.startMs = t;
          state.current.errors = 1;
        }
        state.current.lastLineMs = Math.max(state.current.lastLineMs, t);
        finish(true, line.message());
      }
      case OTHER -> {
        // Only stats lines place a run in time: an error line may already belong to the next
        // run, whose first stats line has not been written yet.
      }
    }
  }

  /** Ends the current run, if any, because rclone is known to be done. */
  public void finishIdle() {
    if (state.current != null) {
      finish(false, "");
    }
  }

  public boolean inRun() {
    return state.current != null;
  }

  /** When the current run's latest line was written, if a run is open. */
  public Instant currentLastLine() {
    return state.current == null ? Instant.EPOCH : Instant.ofEpochMilli(state.current.lastLineMs);
  }

  private void finish(boolean failureLine, String failureMessage) {
    RcloneJobState.Run run = state.current;
    state.current = null;
    boolean success = !failureLine && run.errors == 0 && !run.fatal;
    state.lastRunEndMs = run.lastLineMs;
    state.lastRunSuccess = success;
    state.lastRunErrors = run.errors;
    state.lastRunBytes = run.bytes;
    state.lastRunTransfers = run.transfers;
    state.lastRunSeconds = Math.max(run.elapsedSeconds, (run.lastLineMs - run.startMs) / 1000.0);
    state.errorsTotal += run.errors;
    if (success) {
      state.runsSucceeded++;
      state.lastSuccessMs = Math.max(state.lastSuccessMs, run.lastLineMs);
    } else {
      state.runsFailed++;
      if (!failureMessage.isEmpty()) {
        recordError(failureMessage, run.lastLineMs);
      }
    }
  }

  private void recordError(String message, long atMs) {
    if (atMs >= state.lastErrorMs) {
      state.lastError = ErrorMessages.forLabel(message);
      state.lastErrorMs = atMs;
    }
  }
}
