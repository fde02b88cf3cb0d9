package io.github.homelabha.keepalived.dump;

import java.util.List;
import java.util.Optional;

/**
 * What a dump says about one {@code vrrp_instance}. Fields a dump format does not carry are empty
 * (e.g. the 1.3.5 text dump has no effective priority, only the JSON dump has stats inline).
 *
 * @param masterPriority priority of the last advert received from the master (JSON only)
 * @param lastTransition epoch seconds of the last state change, if printed
 */
public record VrrpInstance(
    String name,
    String interfaceName,
    int vrid,
    VrrpState state,
    Optional<VrrpState> wantState,
    int basePriority,
    Optional<Integer> effectivePriority,
    Optional<Integer> masterPriority,
    Optional<Double> lastTransition,
    List<VirtualIp> vips,
    List<VirtualIp> excludedVips,
    List<TrackedScriptRef> trackedScripts,
    List<String> trackedInterfaces,
    Optional<String> syncGroup,
    int garpDelay,
    Optional<VrrpStats> stats) {

  public VrrpInstance {
    vips = List.copyOf(vips);
    excludedVips = List.copyOf(excludedVips);
    trackedScripts = List.copyOf(trackedScripts);
    trackedInterfaces = List.copyOf(trackedInterfaces);
  }

  /** The priority in effect: the effective one if the dump has it, else the configured one. */
  public int priorityInEffect() {
    return effectivePriority.orElse(basePriority);
  }

  public VrrpInstance withStats(VrrpStats s) {
    return new VrrpInstance(
        name,
        interfaceName,
        vrid,
        state,
        wantState,
        basePriority,
        effectivePriority,
        masterPriority,
        lastTransition,
        vips,
        excludedVips,
        trackedScripts,
        trackedInterfaces,
        syncGroup,
        garpDelay,
        Optional.of(s));
  }
}
