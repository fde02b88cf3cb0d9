package io.github.homelabha.keepalived.collect;

import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.keepalived.dump.KeepalivedDump;
import io.github.homelabha.keepalived.dump.SyncGroup;
import io.github.homelabha.keepalived.dump.TrackedInterface;
import io.github.homelabha.keepalived.dump.VirtualIp;
import io.github.homelabha.keepalived.dump.VrrpInstance;
import io.github.homelabha.keepalived.dump.VrrpScript;
import io.github.homelabha.keepalived.dump.VrrpStats;
import io.github.homelabha.keepalived.vip.HostAddresses;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes what a fresh dump says: {@code keepalived_vrrp_*} instance gauges, the compatible per-VIP
 * state and per-instance counters, {@code keepalived_vip_present}, script and tracked interface
 * status.
 */
public final class DumpMetricsWriter {
  private static final List<String> SCRIPT_STATES =
      List.of("idle", "running", "requested termination", "forcing termination");

  private final boolean stateLabel;
  private final List<io.github.homelabha.core.api.MetricFamily> counters;

  public DumpMetricsWriter(boolean stateLabel) {
    this.stateLabel = stateLabel;
    this.counters = KeepalivedMetrics.counters(stateLabel);
  }

  public void write(KeepalivedDump dump, Optional<HostAddresses> host, MetricWriter out) {
    for (VrrpInstance i : dump.instances()) {
      String vrid = Integer.toString(i.vrid());
      String intf = i.interfaceName();
      int code = i.state().code();
      out.gauge(KeepalivedMetrics.INSTANCE_STATE, code, i.name(), intf, vrid);
      out.gauge(KeepalivedMetrics.BASE_PRIORITY, i.basePriority(), i.name(), intf, vrid);
      out.gauge(KeepalivedMetrics.EFFECTIVE_PRIORITY, i.priorityInEffect(), i.name(), intf, vrid);
      i.lastTransition()
          .ifPresent(t -> out.gauge(KeepalivedMetrics.LAST_TRANSITION, t, i.name(), intf, vrid));
      writeVips(i, code, host, out);
      i.stats().ifPresent(s -> writeCounters(i, s, out));
    }
    Set<String> seen = new HashSet<>();
    for (VrrpScript s : dump.scripts()) {
      if (!seen.add(s.name())) {
        continue;
      }
      out.gauge(KeepalivedMetrics.TRACK_SCRIPT_STATUS, s.good(), s.name());
      if (s.status().equals("GOOD") || s.status().equals("BAD")) {
        out.gauge(KeepalivedMetrics.SCRIPT_STATUS, s.good(), s.name());
      }
      int stateCode = SCRIPT_STATES.indexOf(s.state());
      if (stateCode >= 0) {
        out.gauge(KeepalivedMetrics.SCRIPT_STATE, stateCode, s.name());
      }
    }
    Set<String> ifSeen = new HashSet<>();
    for (TrackedInterface t : dump.interfaces()) {
      if (ifSeen.add(t.name())) {
        out.gauge(KeepalivedMetrics.TRACKED_INTERFACE_UP, t.up(), t.name());
      }
    }
    Set<String> groupSeen = new HashSet<>();
    for (SyncGroup g : dump.syncGroups()) {
      if (groupSeen.add(g.name())) {
        out.gauge(KeepalivedMetrics.SYNC_GROUP_STATE, g.state().code(), g.name());
      }
    }
  }

  private static void writeVips(
      VrrpInstance i, int code, Optional<HostAddresses> host, MetricWriter out) {
    String vrid = Integer.toString(i.vrid());
    Set<String> seen = new HashSet<>();
    for (VirtualIp v : i.vips()) {
      String dev = v.device().orElse(i.interfaceName());
      if (seen.add(dev + " " + v.address())) {
        out.gauge(KeepalivedMetrics.VRRP_STATE, code, i.name(), dev, vrid, v.address());
        writeVipPresent(i, dev, vrid, v, host, out);
      }
    }
    if (i.vips().isEmpty()) {
      // as the peer exporter does, so an instance without VIPs still has a state series
      out.gauge(KeepalivedMetrics.VRRP_STATE, code, i.name(), i.interfaceName(), vrid, "");
    }
    Set<String> excludedSeen = new HashSet<>();
    for (VirtualIp v : i.excludedVips()) {
      String dev = v.device().orElse(i.interfaceName());
      if (excludedSeen.add(dev + " " + v.address())) {
        out.gauge(KeepalivedMetrics.VRRP_EXCLUDED_STATE, code, i.name(), dev, vrid, v.address());
        if (seen.add(dev + " " + v.address())) {
          writeVipPresent(i, dev, vrid, v, host, out);
        }
      }
    }
  }

  private void writeCounters(VrrpInstance i, VrrpStats s, MetricWriter out) {
    String vrid = Integer.toString(i.vrid());
    CompatCounter[] all = CompatCounter.values();
    for (int k = 0; k < all.length; k++) {
      double v = all[k].value(i, s);
      if (stateLabel) {
        out.counter(counters.get(k), v, i.name(), i.interfaceName(), vrid, i.state().name());
      } else {
        out.counter(counters.get(k), v, i.name(), i.interfaceName(), vrid);
      }
    }
  }

  /** keepalived_vip_present, when the host's addresses could be read. */
  private static void writeVipPresent(
      VrrpInstance i,
      String dev,
      String vrid,
      VirtualIp v,
      Optional<HostAddresses> host,
      MetricWriter out) {
    host.ifPresent(
        h ->
            out.gauge(
                KeepalivedMetrics.VIP_PRESENT,
                h.has(dev, v.address()),
                i.name(),
                dev,
                vrid,
                v.address()));
  }
}
