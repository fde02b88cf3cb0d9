package io.github.homelabha.adguard.collector;

import io.github.homelabha.adguard.model.ServerStatus;
import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import java.util.List;

/** {@code adguard_running}, {@code adguard_protection_*}, {@code adguard_version_info}, ... */
public final class StatusCollector {
  public static final MetricFamily RUNNING =
      MetricFamily.gauge("adguard_running", "1 when AdGuard Home's DNS server is running.");
  public static final MetricFamily PROTECTION_ENABLED =
      MetricFamily.gauge(
          "adguard_protection_enabled", "1 when protection (filtering of DNS answers) is on.");
  public static final MetricFamily PROTECTION_DISABLED_SECONDS =
      MetricFamily.gauge(
          "adguard_protection_disabled_remaining_seconds",
          "Seconds until protection turns itself back on; 0 when on or off without end.");
  public static final MetricFamily VERSION =
      MetricFamily.info("adguard_version_info", "AdGuard Home's version.", "version");
  public static final MetricFamily START_TIME =
      MetricFamily.gauge(
          "adguard_start_time_seconds",
          "When AdGuard Home started, in Unix seconds (absent before v0.107.70).");
  public static final MetricFamily DNS_ADDRESSES =
      MetricFamily.gauge(
          "adguard_dns_addresses", "Addresses AdGuard Home's DNS server listens on.");
  public static final MetricFamily DHCP_AVAILABLE =
      MetricFamily.gauge(
          "adguard_dhcp_available", "1 when AdGuard Home can run its DHCP server on this host.");

  public static final List<MetricFamily> FAMILIES =
      List.of(
          RUNNING,
          PROTECTION_ENABLED,
          PROTECTION_DISABLED_SECONDS,
          VERSION,
          START_TIME,
          DNS_ADDRESSES,
          DHCP_AVAILABLE);

  private StatusCollector() {}

  public static void write(ServerStatus s, MetricWriter out) {
    out.gauge(RUNNING, s.running());
    out.gauge(PROTECTION_ENABLED, s.protectionEnabled());
    out.gauge(PROTECTION_DISABLED_SECONDS, s.protectionDisabledMillis() / 1000.0);
    out.info(VERSION, s.version());
    if (!Double.isNaN(s.startTimeMillis())) {
      out.gauge(START_TIME, s.startTimeMillis() / 1000.0);
    }
    out.gauge(DNS_ADDRESSES, s.dnsAddresses().size());
    out.gauge(DHCP_AVAILABLE, s.dhcpAvailable());
  }
}
