package io.github.homelabha.keepalived.transition;

import io.github.homelabha.keepalived.dump.KeepalivedDump;
import java.util.Optional;

/** Takes a fresh dump for reason inference right after a FIFO event; empty when it cannot. */
@FunctionalInterface
public interface DumpSource {
  /**
   * A dump keepalived wrote after {@code notBeforeMillis} (epoch ms): one taken for an earlier
   * event of the same burst may be reused when it is recent enough.
   */
  Optional<KeepalivedDump> freshDump(long notBeforeMillis);
}
