package io.github.homelabha.drill.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.drill.probe.ProbeRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceFiguresTest {
  private static final long MS = 1_000_000L;
  private static final long SETTLE = 1000 * MS;

  /** Probes every 100 ms from 0; {@code pattern} has one character per probe: . ok, x failed. */
  private static List<ProbeRecord> probes(String pattern) {
    List<ProbeRecord> out = new ArrayList<>();
    for (int i = 0; i < pattern.length(); i++) {
      out.add(new ProbeRecord(i * 100 * MS, pattern.charAt(i) == 'x' ? "refused" : null));
    }
    return out;
  }

  @Test
  void noFailureIsNoInterruptionAndStableAfterSettle() {
    ServiceFigures f = ServiceFigures.measure(probes("..........."), 0, SETTLE);
    assertThat(f.interruptionNanos()).isZero();
    assertThat(f.failedProbes()).isZero();
    assertThat(f.probes()).isEqualTo(11);
    assertThat(f.stable()).isTrue();
    assertThat(ServiceFigures.measure(probes("........."), 0, SETTLE).stable()).isFalse();
  }

  @Test
  void interruptionRunsFromTheFirstFailureToTheStartOfTheFinalRunOfSuccesses() {
    // fails at 200 ms, one success at 500 ms, fails again at 600-700 ms, up from 800 ms for good
    ServiceFigures f = ServiceFigures.measure(probes("..xxx.xx..........."), 0, SETTLE);
    assertThat(f.firstFailureNanos()).isEqualTo(200 * MS);
    assertThat(f.recoveryNanos()).isEqualTo(800 * MS);
    assertThat(f.interruptionNanos()).isEqualTo(600 * MS);
    assertThat(f.failedProbes()).isEqualTo(5);
    assertThat(f.probes()).isEqualTo(19);
    assertThat(f.stable()).isTrue();
  }

  @Test
  void aServiceThatIsNotYetUpForSettleIsNotStable() {
    ServiceFigures f = ServiceFigures.measure(probes("..xxx......"), 0, SETTLE);
    assertThat(f.interruptionNanos()).isEqualTo(300 * MS);
    assertThat(f.stable()).isFalse();
  }

  @Test
  void aServiceStillDownHasNoInterruptionButALowerBound() {
    ServiceFigures f = ServiceFigures.measure(probes("..xxxxx"), 0, SETTLE);
    assertThat(f.interruptionNanos()).isNull();
    assertThat(f.interruptionAtLeastNanos()).isEqualTo(400 * MS);
    assertThat(f.stable()).isFalse();
  }

  @Test
  void probesBeforeThePhaseDoNotCount() {
    ServiceFigures f = ServiceFigures.measure(probes("xx................"), 200 * MS, SETTLE);
    assertThat(f.failedProbes()).isZero();
    assertThat(f.probes()).isEqualTo(16);
    assertThat(f.interruptionNanos()).isZero();
    assertThat(f.stable()).isTrue();
  }
}
