package io.github.homelabha.sync.rclone;

import java.time.Instant;
import java.util.Optional;

/**
 * One line of an rclone log written with {@code --use-json-log}.
 *
 * @param kind what the line is
 * @param time when rclone wrote it
 * @param level rclone's level ({@code error}, {@code warning}, {@code info}, ...); empty for plain
 *     lines
 * @param message the {@code msg} (JSON) or the text after the timestamp (plain)
 * @param stats the {@code stats} object of a stats line
 */
public record RcloneLogLine(
    Kind kind, Instant time, String level, String message, Optional<RcStats> stats) {

  /** Line kinds the run tracker cares about. */
  public enum Kind {
    /** A JSON line carrying accounting stats (periodic and final). */
    STATS,
    /** A JSON line at level error. */
    ERROR,
    /** Any other JSON line. */
    OTHER,
    /**
     * The plain (non-JSON) line rclone prints when a command fails: {@code 2026/11/23 18:43:36
     * Failed to sync: ...}.
     */
    FAILURE
  }
}
