package io.github.homelabha.keepalived.process;

import io.github.homelabha.keepalived.dump.KeepalivedDump;
import io.github.homelabha.keepalived.dump.VrrpInstance;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Whether keepalived's text data dump adds anything to its JSON dump. It names track scripts and
 * gives their and tracked interfaces' status and the sync groups; a configuration without any of
 * those gains nothing from it, and writing it costs keepalived as much as the JSON. Learned from a
 * round with both dumps; forgotten when keepalived restarts, its instances change, an instance
 * starts tracking something, and once a minute (a reload may add a sync group).
 */
final class TextDataNeed {
  private static final long RECHECK_NANOS = TimeUnit.MINUTES.toNanos(1);

  private record Learned(KeepalivedProcess process, Set<String> instances, long atNanos) {}

  private volatile Learned notNeeded;

  /** True when the last full round of this very process showed the text dump adds nothing. */
  boolean notNeeded(KeepalivedProcess process) {
    Learned l = notNeeded;
    return l != null
        && l.process().equals(process)
        && System.nanoTime() - l.atNanos() < RECHECK_NANOS;
  }

  /** After a JSON-only round: whether its instances may need the text dump after all. */
  static boolean mayNeed(KeepalivedDump jsonOnly, TextDataNeed need) {
    Learned l = need.notNeeded;
    return l == null || !l.instances().equals(names(jsonOnly)) || tracksSomething(jsonOnly);
  }

  void learn(KeepalivedProcess process, KeepalivedDump full) {
    boolean adds =
        !full.scripts().isEmpty()
            || !full.interfaces().isEmpty()
            || !full.syncGroups().isEmpty()
            || tracksSomething(full);
    notNeeded = adds ? null : new Learned(process, names(full), System.nanoTime());
  }

  void forget() {
    notNeeded = null;
  }

  private static boolean tracksSomething(KeepalivedDump d) {
    return d.instances().stream()
        .anyMatch(i -> !i.trackedScripts().isEmpty() || !i.trackedInterfaces().isEmpty());
  }

  private static Set<String> names(KeepalivedDump d) {
    return d.instances().stream().map(VrrpInstance::name).collect(Collectors.toSet());
  }
}
