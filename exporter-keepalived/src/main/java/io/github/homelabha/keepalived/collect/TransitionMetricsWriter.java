package io.github.homelabha.keepalived.collect;

import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.keepalived.dump.VrrpState;
import io.github.homelabha.keepalived.transition.InstanceStatus;
import io.github.homelabha.keepalived.transition.Transition;
import io.github.homelabha.keepalived.transition.VrrpTracker;
import java.util.Map;

/**
 * Writes the exporter's own history: {@code keepalived_vrrp_transitions_total}, {@code
 * keepalived_vrrp_last_transition_info}, and in FIFO-only mode the instance and group states the
 * FIFO reported.
 */
public final class TransitionMetricsWriter {

  private TransitionMetricsWriter() {}

  public static void writeHistory(VrrpTracker tracker, MetricWriter out) {
    for (Map.Entry<VrrpTracker.TransitionKey, Long> e : tracker.counts().entrySet()) {
      VrrpTracker.TransitionKey k = e.getKey();
      out.counter(
          KeepalivedMetrics.TRANSITIONS,
          e.getValue(),
          k.instance(),
          k.vrid(),
          k.from(),
          k.to(),
          k.reason());
    }
    for (Transition t : tracker.lastTransitions()) {
      out.info(
          KeepalivedMetrics.LAST_TRANSITION_INFO,
          t.instance(),
          t.vrid(),
          t.from(),
          t.to(),
          t.reason().label(),
          t.script());
    }
  }

  /** States as the FIFO told them; used when no dump is read. */
  public static void writeFifoStates(VrrpTracker tracker, MetricWriter out) {
    for (InstanceStatus s : tracker.instances()) {
      VrrpState.fromName(s.state())
          .ifPresent(
              st -> out.gauge(KeepalivedMetrics.INSTANCE_STATE, st.code(), s.name(), "", s.vrid()));
      if (s.priority() >= 0) {
        out.gauge(KeepalivedMetrics.EFFECTIVE_PRIORITY, s.priority(), s.name(), "", s.vrid());
      }
      if (s.sinceMillis() > 0) {
        out.gauge(
            KeepalivedMetrics.LAST_TRANSITION, s.sinceMillis() / 1000.0, s.name(), "", s.vrid());
      }
    }
    for (Map.Entry<String, String> g : tracker.groups().entrySet()) {
      VrrpState.fromName(g.getValue())
          .ifPresent(st -> out.gauge(KeepalivedMetrics.SYNC_GROUP_STATE, st.code(), g.getKey()));
    }
  }
}
