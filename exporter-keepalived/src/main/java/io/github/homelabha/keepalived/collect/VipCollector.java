package io.github.homelabha.keepalived.collect;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.keepalived.dump.KeepalivedDump;
import io.github.homelabha.keepalived.dump.VirtualIp;
import io.github.homelabha.keepalived.dump.VrrpInstance;
import io.github.homelabha.keepalived.vip.HostAddresses;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code keepalived_vip_present}: whether each VIP and excluded VIP of the dump is configured on
 * its interface right now, as the host's (or keepalived's network namespace's) addresses say.
 */
public final class VipCollector {
  public static final MetricFamily VIP_PRESENT =
      MetricFamily.gauge(
          "keepalived_vip_present",
          "1 if the virtual IP is configured on its interface right now, else 0",
          VrrpCollector.VIP);

  private VipCollector() {}

  public static void write(KeepalivedDump dump, HostAddresses host, MetricWriter out) {
    for (VrrpInstance i : dump.instances()) {
      String vrid = Integer.toString(i.vrid());
      Set<String> seen = new HashSet<>();
      for (List<VirtualIp> vips : List.of(i.vips(), i.excludedVips())) {
        for (VirtualIp v : vips) {
          String dev = v.device().orElse(i.interfaceName());
          if (seen.add(dev + " " + v.address())) {
            out.gauge(VIP_PRESENT, host.has(dev, v.address()), i.name(), dev, vrid, v.address());
          }
        }
      }
    }
  }

  static List<MetricFamily> families() {
    return List.of(VIP_PRESENT);
  }
}
