package io.github.homelabha.keepalived.collect;

import io.github.homelabha.core.api.MetricFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * Every metric family the exporter emits. The {@code keepalived_*_total} counters and {@code
 * keepalived_vrrp_state} keep the names and labels of mehdy/keepalived-exporter so its dashboards
 * work unchanged; the rest are ours. State values are keepalived's codes: 0 INIT, 1 BACKUP, 2
 * MASTER, 3 FAULT (4 STOP and 5 DELETED only in FIFO-only mode).
 */
public final class KeepalivedMetrics {
  static final String[] INSTANCE = {"iname", "intf", "vrid"};
  static final String[] VIP = {"iname", "intf", "vrid", "ip_address"};

  // ours
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
  public static final MetricFamily VIP_PRESENT =
      MetricFamily.gauge(
          "keepalived_vip_present",
          "1 if the virtual IP is configured on its interface right now, else 0",
          VIP);
  public static final MetricFamily TRACK_SCRIPT_STATUS =
      MetricFamily.gauge(
          "keepalived_track_script_status", "1 if the vrrp_script's last result is GOOD", "name");
  public static final MetricFamily TRACKED_INTERFACE_UP =
      MetricFamily.gauge(
          "keepalived_tracked_interface_up",
          "1 if an interface tracked by VRRP instances is up and running",
          "name");
  public static final MetricFamily DUMP_AGE =
      MetricFamily.gauge(
          "keepalived_dump_age_seconds",
          "Age of the dump this scrape was answered from, at the time of the scrape");
  public static final MetricFamily DUMP_DURATION =
      MetricFamily.gauge(
          "keepalived_dump_duration_seconds",
          "Time from signalling keepalived to having parsed its new dump");
  public static final MetricFamily VERSION_INFO =
      MetricFamily.info("keepalived_version_info", "Version of the keepalived binary", "version");
  public static final MetricFamily FIFO_CONNECTED =
      MetricFamily.gauge(
          "keepalived_notify_fifo_connected",
          "1 while keepalived has the notify FIFO open for writing and the exporter reads it");

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
  public static final MetricFamily SCRIPT_STATUS =
      MetricFamily.gauge("keepalived_script_status", "Track script status: 0 BAD, 1 GOOD", "name");
  public static final MetricFamily SCRIPT_STATE =
      MetricFamily.gauge(
          "keepalived_script_state",
          "Track script runner state: 0 idle, 1 running, 2 requested termination, 3 forcing"
              + " termination",
          "name");

  /** The per-instance counters of the JSON/stats dump, in {@link CompatCounter} order. */
  public static List<MetricFamily> counters(boolean stateLabel) {
    List<MetricFamily> out = new ArrayList<>();
    for (CompatCounter c : CompatCounter.values()) {
      out.add(
          stateLabel
              ? MetricFamily.counter(c.metric(), c.help(), "iname", "intf", "vrid", "state")
              : MetricFamily.counter(c.metric(), c.help(), INSTANCE));
    }
    return out;
  }

  public static List<MetricFamily> all(boolean stateLabel) {
    List<MetricFamily> out =
        new ArrayList<>(
            List.of(
                INSTANCE_STATE,
                BASE_PRIORITY,
                EFFECTIVE_PRIORITY,
                LAST_TRANSITION,
                TRANSITIONS,
                LAST_TRANSITION_INFO,
                SYNC_GROUP_STATE,
                VIP_PRESENT,
                TRACK_SCRIPT_STATUS,
                TRACKED_INTERFACE_UP,
                DUMP_AGE,
                DUMP_DURATION,
                VERSION_INFO,
                FIFO_CONNECTED,
                VRRP_STATE,
                VRRP_EXCLUDED_STATE,
                SCRIPT_STATUS,
                SCRIPT_STATE));
    out.addAll(counters(stateLabel));
    return out;
  }

  private KeepalivedMetrics() {}
}
