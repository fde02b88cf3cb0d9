package io.github.homelabha.keepalived.transition;

import io.github.homelabha.keepalived.dump.KeepalivedDump;
import io.github.homelabha.keepalived.dump.TrackedInterface;
import io.github.homelabha.keepalived.dump.TrackedScriptRef;
import io.github.homelabha.keepalived.dump.VrrpInstance;
import io.github.homelabha.keepalived.dump.VrrpScript;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/**
 * Infers why an instance changed state from the dumps around the change. keepalived itself logs the
 * cause but exports none of it, so this follows keepalived's own rules:
 *
 * <ul>
 *   <li>FAULT comes from a down interface or a failed weight-0 track script;
 *   <li>MASTER to BACKUP happens when a higher-priority advert arrives, which after our own
 *       priority was lowered by a failing weighted script (or tracked interface) is that script's
 *       doing, else a preemption by the peer;
 *   <li>BACKUP to MASTER happens when the master sent priority 0, or when its adverts stopped
 *       (master down timer); if our priority was already above the master's last advertised one, we
 *       preempted it.
 * </ul>
 *
 * The new master cannot tell a dead peer from a peer whose priority dropped below ours (keepalived
 * discards the lower-priority adverts and waits for the same timer), so it reports peer_lost; the
 * old master reports the real cause.
 */
public final class ReasonInference {
  private static final Set<String> NOT_RUNNING = Set.of("INIT", "UNKNOWN", "STOP", "DELETED");

  /** A reason and, for track_script, the script's name. */
  public record Result(TransitionReason reason, String script) {
    static Result of(TransitionReason r) {
      return new Result(r, "");
    }
  }

  private ReasonInference() {}

  public static Result infer(String from, String to, Evidence e) {
    if (to.equals("STOP") || to.equals("DELETED")) {
      return Result.of(TransitionReason.STOPPED);
    }
    if (NOT_RUNNING.contains(from)) {
      return Result.of(TransitionReason.RELOAD);
    }
    Result specific = fromEvidence(from, to, e);
    // Right after a restart or reload the elections that follow belong to it; but a failing
    // track script, a down interface or a priority-0 advert seen in the dumps is the better
    // answer even then (a script can fail seconds after keepalived came back).
    if (e.restartedOrReloaded() && EXPLAINED_BY_RELOAD.contains(specific.reason())) {
      return Result.of(TransitionReason.RELOAD);
    }
    return specific;
  }

  private static final Set<TransitionReason> EXPLAINED_BY_RELOAD =
      Set.of(TransitionReason.PREEMPTED, TransitionReason.PEER_LOST, TransitionReason.UNKNOWN);

  private static Result fromEvidence(String from, String to, Evidence e) {
    if (to.equals("FAULT")) {
      return faultCause(e.after(), e.afterInstance());
    }
    if (from.equals("FAULT")) {
      return faultCause(e.before(), e.beforeInstance());
    }
    if (from.equals("MASTER") && to.equals("BACKUP")) {
      return masterToBackup(e);
    }
    if (from.equals("BACKUP") && to.equals("MASTER")) {
      return backupToMaster(e);
    }
    return Result.of(TransitionReason.UNKNOWN);
  }

  private static Result masterToBackup(Evidence e) {
    Optional<VrrpInstance> inst = e.afterInstance().or(e::beforeInstance);
    boolean lowered =
        e.priorityLowered() || inst.map(i -> i.priorityInEffect() < i.basePriority()).orElse(false);
    if (!lowered) {
      return Result.of(TransitionReason.PREEMPTED);
    }
    Optional<KeepalivedDump> dump = e.after().or(e::before);
    if (dump.isPresent() && inst.isPresent()) {
      Optional<String> script = failedScript(dump.get(), inst.get(), false);
      if (script.isPresent()) {
        return new Result(TransitionReason.TRACK_SCRIPT, script.get());
      }
      if (downInterface(dump.get(), inst.get()).isPresent()) {
        return Result.of(TransitionReason.INTERFACE);
      }
    }
    return Result.of(TransitionReason.UNKNOWN);
  }

  private static Result backupToMaster(Evidence e) {
    Optional<VrrpInstance> before = e.beforeInstance();
    Optional<VrrpInstance> after = e.afterInstance();
    long zeroBefore =
        before.flatMap(VrrpInstance::stats).map(s -> s.priZeroRcvd()).orElse(Long.MAX_VALUE);
    long zeroAfter = after.flatMap(VrrpInstance::stats).map(s -> s.priZeroRcvd()).orElse(-1L);
    if (zeroAfter > zeroBefore) {
      return Result.of(TransitionReason.PRIORITY_ZERO);
    }
    if (before.isPresent() && after.isPresent()) {
      int masterPriority = before.get().masterPriority().orElse(0);
      if (masterPriority > 0 && after.get().priorityInEffect() > masterPriority) {
        return Result.of(TransitionReason.PREEMPTED);
      }
      return Result.of(TransitionReason.PEER_LOST);
    }
    return after.isPresent()
        ? Result.of(TransitionReason.PEER_LOST)
        : Result.of(TransitionReason.UNKNOWN);
  }

  private static Result faultCause(Optional<KeepalivedDump> dump, Optional<VrrpInstance> inst) {
    if (dump.isEmpty() || inst.isEmpty()) {
      return Result.of(TransitionReason.UNKNOWN);
    }
    Optional<String> script = failedScript(dump.get(), inst.get(), true);
    if (script.isPresent()) {
      return new Result(TransitionReason.TRACK_SCRIPT, script.get());
    }
    if (downInterface(dump.get(), inst.get()).isPresent()) {
      return Result.of(TransitionReason.INTERFACE);
    }
    return Result.of(TransitionReason.UNKNOWN);
  }

  /**
   * A failed script tracked by the instance: weight 0 ones (they fault the instance) when {@code
   * faulting}, else weighted ones, the heaviest first.
   */
  private static Optional<String> failedScript(
      KeepalivedDump dump, VrrpInstance inst, boolean faulting) {
    return inst.trackedScripts().stream()
        .filter(ref -> faulting == (effectiveWeight(dump, ref) == 0))
        .filter(ref -> dump.script(ref.name()).map(s -> !s.good()).orElse(false))
        .sorted(Comparator.comparingInt(ref -> -Math.abs(effectiveWeight(dump, ref))))
        .map(TrackedScriptRef::name)
        .findFirst();
  }

  private static int effectiveWeight(KeepalivedDump dump, TrackedScriptRef ref) {
    // the instance's own "weight" overrides the script's; 1.x dumps only print the script's
    return ref.weight() != 0
        ? ref.weight()
        : dump.script(ref.name()).map(VrrpScript::weight).orElse(0);
  }

  private static Optional<TrackedInterface> downInterface(KeepalivedDump dump, VrrpInstance inst) {
    return dump.interfaces().stream()
        .filter(i -> !i.up())
        .filter(
            i ->
                i.name().equals(inst.interfaceName())
                    || inst.trackedInterfaces().contains(i.name()))
        .findFirst();
  }
}
