package io.github.homelabha.keepalived.transition;

import io.github.homelabha.keepalived.dump.KeepalivedDump;
import io.github.homelabha.keepalived.dump.VrrpInstance;
import java.util.Optional;

/**
 * What is known around one transition: the last dump taken before it and a dump taken after it
 * (either may be missing, e.g. in FIFO-only mode), and what the FIFO and process watch saw.
 *
 * @param restartedOrReloaded keepalived was (re)started or reloaded shortly before
 * @param priorityLowered the FIFO reported a lowered effective priority before the change
 */
public record Evidence(
    String instance,
    Optional<KeepalivedDump> before,
    Optional<KeepalivedDump> after,
    boolean restartedOrReloaded,
    boolean priorityLowered) {

  public Optional<VrrpInstance> beforeInstance() {
    return before.flatMap(d -> d.instance(instance));
  }

  public Optional<VrrpInstance> afterInstance() {
    return after.flatMap(d -> d.instance(instance));
  }
}
