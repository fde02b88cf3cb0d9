package io.github.homelabha.sync.rclone;

import java.time.Instant;
import java.util.Optional;

/** One entry of rclone's {@code job/status}. */
public record RcJob(
    long id,
    boolean finished,
    boolean success,
    Optional<String> error,
    Optional<Instant> startTime,
    Optional<Instant> endTime,
    double durationSeconds) {}
