package io.github.homelabha.sync.canary;

import java.time.Instant;
import java.util.Optional;

/**
 * The writer's record for one pair: the last canary written, the last failure (cleared by the next
 * success) and totals since start.
 */
public record CanaryWriteStatus(
    Optional<Canary> lastWritten,
    Optional<String> lastError,
    Optional<Instant> lastErrorAt,
    long writes,
    long failures) {

  static final CanaryWriteStatus NONE =
      new CanaryWriteStatus(Optional.empty(), Optional.empty(), Optional.empty(), 0, 0);

  CanaryWriteStatus succeeded(Canary canary) {
    return new CanaryWriteStatus(
        Optional.of(canary), Optional.empty(), Optional.empty(), writes + 1, failures);
  }

  CanaryWriteStatus failed(String error, Instant at) {
    return new CanaryWriteStatus(
        lastWritten, Optional.of(error), Optional.of(at), writes, failures + 1);
  }
}
