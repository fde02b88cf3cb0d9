package io.github.homelabha.sync.canary;

import java.time.Instant;
import java.util.Objects;

/**
 * One heartbeat written by the source side: when it was written, a sequence number that only grows
 * (also across a failover, see {@link CanaryWriter}) and the node that wrote it.
 */
public record Canary(Instant writtenAt, long sequence, String writer) {
  public Canary {
    Objects.requireNonNull(writtenAt, "writtenAt");
    Objects.requireNonNull(writer, "writer");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative: " + sequence);
    }
  }
}
