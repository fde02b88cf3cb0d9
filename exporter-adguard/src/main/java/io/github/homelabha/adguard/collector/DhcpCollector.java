package io.github.homelabha.adguard.collector;

import io.github.homelabha.adguard.model.DhcpStatus;
import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import java.util.List;

/** {@code adguard_dhcp_*}: the DHCP server switch and its leases. */
public final class DhcpCollector {
  public static final MetricFamily ENABLED =
      MetricFamily.gauge("adguard_dhcp_enabled", "1 when AdGuard Home's DHCP server is on.");
  public static final MetricFamily LEASES =
      MetricFamily.gauge("adguard_dhcp_leases", "DHCP leases by kind (dynamic, static).", "kind");

  public static final List<MetricFamily> FAMILIES = List.of(ENABLED, LEASES);

  private DhcpCollector() {}

  public static void write(DhcpStatus d, MetricWriter out) {
    out.gauge(ENABLED, d.enabled());
    out.gauge(LEASES, d.dynamicLeases(), "dynamic");
    out.gauge(LEASES, d.staticLeases(), "static");
  }
}
