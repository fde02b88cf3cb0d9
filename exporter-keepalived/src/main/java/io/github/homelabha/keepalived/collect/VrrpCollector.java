package io.github.homelabha.keepalived.collect;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.keepalived.dump.KeepalivedDump;
import io.github.homelabha.keepalived.dump.SyncGroup;
import io.github.homelabha.keepalived.dump.VirtualIp;
import io.github.homelabha.keepalived.dump.VrrpInstance;
import io.github.homelabha.keepalived.dump.VrrpState;
import io.github.homelabha.keepalived.transition.InstanceStatus;
import io.github.homelabha.keepalived.transition.Transition;
import io.github.homelabha.keepalived.transition.VrrpTracker;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code keepalived_vrrp_*}: the state and priorities of VRRP instances and sync groups (from a
 * fresh dump, or in FIFO-only mode from the notify FIFO), the per-VIP state series of
 * mehdy/keepalived-exporter, and the transitions the exporter saw. State values are keepalived's
 * codes: 0 INIT, 1 BACKUP, 2 MASTER, 3 FAULT (4 STOP and 5 DELETED only in FIFO-only mode).
 */
public final class VrrpCollector {
  static final String[] INSTANCE = {"iname", "intf", "vrid"};
  static final String[] VIP = {"iname", "intf", "vrid", "ip_address"};

  public static final MetricFamily INSTANCE_STATE =
      MetricFamily.gauge(
          "keepalived_vrrp_instance_state",
          "VRRP instance state: 0 INIT, 1 BACKUP, 2 MASTER, 3 FAULT (4 STOP, 5 DELETED from the"
              + " notify FIFO)",
          INSTANCE);
  public static final MetricFamily BASE_PRIORITY =
      MetricFamily.gauge(
          "keepalived_vrrp_base_priority", "Configured priority of the VRRP instance", INSTANCE);
  public static final MetricFamily EFFECTIVE_PRIORITY =
      MetricFamily.gauge(
          "keepalived_vrrp_effective_priority",
          "Priority in effect after track script and interface weights",
          INSTANCE);
  public static final MetricFamily LAST_TRANSITION =
      MetricFamily.gauge(
          "keepalived_vrrp_last_transition_timestamp_seconds",
          "When the instance last changed state (Unix time)",
          INSTANCE);
  public static final MetricFamily TRANSITIONS =
      MetricFamily.counter(
          "keepalived_vrrp_transitions_total",
          "State changes seen by the exporter, by previous and new state and inferred reason"
              + " (track_script, interface, preempted, peer_lost, priority_zero, stopped, reload,"
              + " unknown)",
          "iname",
          "vrid",
          "from",
          "to",
          "reason");
  public static final MetricFamily LAST_TRANSITION_INFO =
      MetricFamily.info(
          "keepalived_vrrp_last_transition_info",
          "The latest state change of each instance, with its reason and the track script that"
              + " caused it (empty if none)",
          "iname",
          "vrid",
          "from",
          "to",
          "reason",
          "script");
  public static final MetricFamily SYNC_GROUP_STATE =
      MetricFamily.gauge(
          "keepalived_vrrp_sync_group_state",
          "VRRP sync group state: 0 INIT, 1 BACKUP, 2 MASTER, 3 FAULT",
          "group");
  // mehdy/keepalived-exporter compatible
  public static final MetricFamily VRRP_STATE =
      MetricFamily.gauge(
          "keepalived_vrrp_state",
          "State of the VRRP instance, one series per VIP (0 INIT, 1 BACKUP, 2 MASTER, 3 FAULT)",
          VIP);
  public static final MetricFamily VRRP_EXCLUDED_STATE =
      MetricFamily.gauge(
          "keepalived_vrrp_excluded_state",
          "State of the VRRP instance, one series per excluded VIP",
          VIP);

  private VrrpCollector() {}

  /** Instance and sync group state as a fresh dump tells it. */
  public static void writeDump(KeepalivedDump dump, MetricWriter out) {
    for (VrrpInstance i : dump.instances()) {
      String vrid = Integer.toString(i.vrid());
      String intf = i.interfaceName();
      int code = i.state().code();
      out.gauge(INSTANCE_STATE, code, i.name(), intf, vrid);
      out.gauge(BASE_PRIORITY, i.basePriority(), i.name(), intf, vrid);
      out.gauge(EFFECTIVE_PRIORITY, i.priorityInEffect(), i.name(), intf, vrid);
      i.lastTransition().ifPresent(t -> out.gauge(LAST_TRANSITION, t, i.name(), intf, vrid));
      writeVipStates(i, code, out);
    }
    Set<String> groupSeen = new HashSet<>();
    for (SyncGroup g : dump.syncGroups()) {
      if (groupSeen.add(g.name())) {
        out.gauge(SYNC_GROUP_STATE, g.state().code(), g.name());
      }
    }
  }

  /** Instance and sync group state as the notify FIFO told them; used when no dump is read. */
  public static void writeFifoStates(VrrpTracker tracker, MetricWriter out) {
    for (InstanceStatus s : tracker.instances()) {
      VrrpState.fromName(s.state())
          .ifPresent(st -> out.gauge(INSTANCE_STATE, st.code(), s.name(), "", s.vrid()));
      if (s.priority() >= 0) {
        out.gauge(EFFECTIVE_PRIORITY, s.priority(), s.name(), "", s.vrid());
      }
      if (s.sinceMillis() > 0) {
        out.gauge(LAST_TRANSITION, s.sinceMillis() / 1000.0, s.name(), "", s.vrid());
      }
    }
    for (Map.Entry<String, String> g : tracker.groups().entrySet()) {
      VrrpState.fromName(g.getValue())
          .ifPresent(st -> out.gauge(SYNC_GROUP_STATE, st.code(), g.getKey()));
    }
  }

  /** The exporter's own history: transition counts and each instance's latest transition. */
  public static void writeHistory(VrrpTracker tracker, MetricWriter out) {
    for (Map.Entry<VrrpTracker.TransitionKey, Long> e : tracker.counts().entrySet()) {
      VrrpTracker.TransitionKey k = e.getKey();
      out.counter(TRANSITIONS, e.getValue(), k.instance(), k.vrid(), k.from(), k.to(), k.reason());
    }
    for (Transition t : tracker.lastTransitions()) {
      out.info(
          LAST_TRANSITION_INFO,
          t.instance(),
          t.vrid(),
          t.from(),
          t.to(),
          t.reason().label(),
          t.script());
    }
  }

  private static void writeVipStates(VrrpInstance i, int code, MetricWriter out) {
    String vrid = Integer.toString(i.vrid());
    Set<String> seen = new HashSet<>();
    for (VirtualIp v : i.vips()) {
      String dev = v.device().orElse(i.interfaceName());
      if (seen.add(dev + " " + v.address())) {
        out.gauge(VRRP_STATE, code, i.name(), dev, vrid, v.address());
      }
    }
    if (i.vips().isEmpty()) {
      // as the peer exporter does, so an instance without VIPs still has a state series
      out.gauge(VRRP_STATE, code, i.name(), i.interfaceName(), vrid, "");
    }
    Set<String> excludedSeen = new HashSet<>();
    for (VirtualIp v : i.excludedVips()) {
      String dev = v.device().orElse(i.interfaceName());
      if (excludedSeen.add(dev + " " + v.address())) {
        out.gauge(VRRP_EXCLUDED_STATE, code, i.name(), dev, vrid, v.address());
      }
    }
  }

  static List<MetricFamily> families() {
    return List.of(
        INSTANCE_STATE,
        BASE_PRIORITY,
        EFFECTIVE_PRIORITY,
        LAST_TRANSITION,
        TRANSITIONS,
        LAST_TRANSITION_INFO,
        SYNC_GROUP_STATE,
        VRRP_STATE,
        VRRP_EXCLUDED_STATE);
  }
}
