package io.github.homelabha.drill.measure;

import io.github.homelabha.drill.probe.ProbeRecord;
import java.util.List;

/**
 * A service's figures for one phase of the drill.
 *
 * <p>The interruption runs from the start of the first failed probe to the start of the first
 * successful probe of the final run of successes, which must last {@code settle} for the service to
 * count as back ({@link #stable()}); it is 0 when no probe failed.
 *
 * @param firstFailureNanos start of the first failed probe; null when none failed
 * @param recoveryNanos start of the final run of successes; null while the last probe failed
 * @param lastProbeNanos start of the last probe counted; null when there is none
 */
public record ServiceFigures(
    Long firstFailureNanos,
    Long recoveryNanos,
    Long lastProbeNanos,
    int failedProbes,
    int probes,
    boolean stable) {

  /**
   * Measures the probes that started from {@code fromNanos} on ({@code records} in start order).
   */
  public static ServiceFigures measure(
      List<ProbeRecord> records, long fromNanos, long settleNanos) {
    Long firstFailure = null;
    Long recovery = null;
    Long last = null;
    int failed = 0;
    int total = 0;
    for (ProbeRecord r : records) {
      if (r.startNanos() - fromNanos < 0) {
        continue;
      }
      total++;
      last = r.startNanos();
      if (r.ok()) {
        if (recovery == null) {
          recovery = r.startNanos();
        }
      } else {
        failed++;
        if (firstFailure == null) {
          firstFailure = r.startNanos();
        }
        recovery = null;
      }
    }
    // with no failure the service has been up since the phase began
    long upSince = firstFailure == null ? fromNanos : recovery == null ? Long.MAX_VALUE : recovery;
    boolean stable =
        (firstFailure == null || recovery != null) && last != null && last - upSince >= settleNanos;
    return new ServiceFigures(firstFailure, recovery, last, failed, total, stable);
  }

  /** The interruption when the service came back; null while it is (or was last seen) down. */
  public Long interruptionNanos() {
    if (firstFailureNanos == null) {
      return 0L;
    }
    return recoveryNanos == null ? null : recoveryNanos - firstFailureNanos;
  }

  /**
   * For a service that never came back: how long it was down at least (first failure to the last
   * probe). Equals {@link #interruptionNanos()} otherwise.
   */
  public long interruptionAtLeastNanos() {
    Long exact = interruptionNanos();
    if (exact != null) {
      return exact;
    }
    return lastProbeNanos - firstFailureNanos;
  }
}
