package io.github.homelabha.adguard.model;

import java.time.Instant;

/**
 * One query-log entry, reduced to what the counters need.
 *
 * @param time when the query started (the entry is written when it finishes)
 * @param timeText the time exactly as AdGuard wrote it (RFC 3339 with nanoseconds), the cursor
 * @param identity a hash of the fields that tell two entries apart, for de-duplication
 */
public record QueryLogEntry(
    Instant time,
    String timeText,
    double elapsedSeconds,
    String reason,
    String questionType,
    String status,
    String upstream,
    boolean cached,
    long identity) {}
