package io.github.homelabha.keepalived.transition;

import io.github.homelabha.keepalived.dump.KeepalivedDump;
import java.util.Optional;

/** Takes a fresh dump for reason inference right after a FIFO event; empty when it cannot. */
@FunctionalInterface
public interface DumpSource {
  Optional<KeepalivedDump> freshDump();
}
