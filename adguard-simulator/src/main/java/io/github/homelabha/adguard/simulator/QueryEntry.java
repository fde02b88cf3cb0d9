package io.github.homelabha.adguard.simulator;

import java.time.Instant;

/**
 * One logged DNS query. {@code start} is when the query arrived (the log's {@code time}); the entry
 * is written to the log only when the answer is known, {@code elapsedNanos} later.
 */
record QueryEntry(
    Instant start,
    long elapsedNanos,
    String client,
    String domain,
    String type,
    String reason,
    String status,
    String upstream,
    boolean cached,
    String rule,
    long filterListId,
    String answerIp) {

  boolean blocked() {
    return reason.startsWith("Filtered");
  }
}
