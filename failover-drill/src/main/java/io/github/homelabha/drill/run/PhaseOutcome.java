package io.github.homelabha.drill.run;

import io.github.homelabha.drill.measure.ServiceFigures;
import java.util.Map;

/**
 * What one phase (the failover or the way back) measured.
 *
 * @param commandFailure why the phase's command failed; null when it succeeded
 * @param switchNanos start of the first reading that showed a node other than {@code fromMaster} as
 *     MASTER; null when none did
 * @param endMaster the only MASTER at the end; null when there was none or several
 * @param settled the phase ended because everything settled, not because of the timeout
 */
record PhaseOutcome(
    String fromMaster,
    long startNanos,
    String commandFailure,
    Long switchNanos,
    String endMaster,
    Map<String, ServiceFigures> figures,
    boolean settled) {

  static PhaseOutcome commandFailed(String fromMaster, long startNanos, String failure) {
    return new PhaseOutcome(fromMaster, startNanos, failure, null, fromMaster, Map.of(), false);
  }

  Double switchSeconds() {
    return switchNanos == null ? null : (switchNanos - startNanos) / 1e9;
  }
}
