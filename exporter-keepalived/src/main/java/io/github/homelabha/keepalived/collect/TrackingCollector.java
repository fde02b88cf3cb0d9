package io.github.homelabha.keepalived.collect;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.keepalived.dump.KeepalivedDump;
import io.github.homelabha.keepalived.dump.TrackedInterface;
import io.github.homelabha.keepalived.dump.VrrpScript;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What VRRP instances track, from the text data dump: {@code keepalived_track_script_status},
 * {@code keepalived_tracked_interface_up}, and mehdy/keepalived-exporter's {@code
 * keepalived_script_status} and {@code keepalived_script_state}.
 */
public final class TrackingCollector {
  private static final List<String> SCRIPT_STATES =
      List.of("idle", "running", "requested termination", "forcing termination");

  public static final MetricFamily TRACK_SCRIPT_STATUS =
      MetricFamily.gauge(
          "keepalived_track_script_status", "1 if the vrrp_script's last result is GOOD", "name");
  public static final MetricFamily TRACKED_INTERFACE_UP =
      MetricFamily.gauge(
          "keepalived_tracked_interface_up",
          "1 if an interface tracked by VRRP instances is up and running",
          "name");
  // mehdy/keepalived-exporter compatible
  public static final MetricFamily SCRIPT_STATUS =
      MetricFamily.gauge("keepalived_script_status", "Track script status: 0 BAD, 1 GOOD", "name");
  public static final MetricFamily SCRIPT_STATE =
      MetricFamily.gauge(
          "keepalived_script_state",
          "Track script runner state: 0 idle, 1 running, 2 requested termination, 3 forcing"
              + " termination",
          "name");

  private TrackingCollector() {}

  public static void write(KeepalivedDump dump, MetricWriter out) {
    Set<String> seen = new HashSet<>();
    for (VrrpScript s : dump.scripts()) {
      if (!seen.add(s.name())) {
        continue;
      }
      out.gauge(TRACK_SCRIPT_STATUS, s.good(), s.name());
      if (s.status().equals("GOOD") || s.status().equals("BAD")) {
        out.gauge(SCRIPT_STATUS, s.good(), s.name());
      }
      int stateCode = SCRIPT_STATES.indexOf(s.state());
      if (stateCode >= 0) {
        out.gauge(SCRIPT_STATE, stateCode, s.name());
      }
    }
    Set<String> ifSeen = new HashSet<>();
    for (TrackedInterface t : dump.interfaces()) {
      if (ifSeen.add(t.name())) {
        out.gauge(TRACKED_INTERFACE_UP, t.up(), t.name());
      }
    }
  }

  static List<MetricFamily> families() {
    return List.of(TRACK_SCRIPT_STATUS, TRACKED_INTERFACE_UP, SCRIPT_STATUS, SCRIPT_STATE);
  }
}
