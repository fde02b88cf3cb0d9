package io.github.homelabha.unifi.exporter.metrics;

import static io.github.homelabha.unifi.exporter.metrics.DeviceCollector.gaugeIfKnown;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.unifi.client.model.HealthSubsystem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code unifi_subsystem_*} and {@code unifi_wan_*}, from the site's health rows. */
public final class HealthCollector {
  static final MetricFamily UP =
      MetricFamily.gauge(
          "unifi_subsystem_up",
          "1 when the controller rates the subsystem (wan, www, wlan, lan, vpn) ok, 0 for warning"
              + " or error; subsystems it reports as unknown (not set up) are left out.",
          "site",
          "subsystem");
  static final MetricFamily USERS =
      MetricFamily.gauge(
          "unifi_subsystem_users", "Clients the subsystem counts.", "site", "subsystem");
  static final MetricFamily DEVICES =
      MetricFamily.gauge(
          "unifi_subsystem_devices",
          "Devices of the subsystem by state (adopted, disconnected, pending).",
          "site",
          "subsystem",
          "state");
  static final MetricFamily RX_RATE =
      MetricFamily.gauge(
          "unifi_subsystem_receive_bytes_per_second",
          "Current receive rate of the subsystem.",
          "site",
          "subsystem");
  static final MetricFamily TX_RATE =
      MetricFamily.gauge(
          "unifi_subsystem_transmit_bytes_per_second",
          "Current transmit rate of the subsystem.",
          "site",
          "subsystem");
  static final MetricFamily WAN_LATENCY =
      MetricFamily.gauge(
          "unifi_wan_latency_seconds", "Latency to the internet the gateway measures.", "site");
  static final MetricFamily SPEEDTEST =
      MetricFamily.gauge(
          "unifi_wan_speedtest_bits_per_second",
          "Result of the gateway's last speed test, direction up or down.",
          "site",
          "direction");

  public static final List<MetricFamily> FAMILIES =
      List.of(UP, USERS, DEVICES, RX_RATE, TX_RATE, WAN_LATENCY, SPEEDTEST);

  private HealthCollector() {}

  public static void write(String site, List<HealthSubsystem> rows, MetricWriter out) {
    Set<String> seen = new HashSet<>();
    for (HealthSubsystem h : rows) {
      String sub = h.subsystem();
      if (sub.isEmpty() || !seen.add(sub)) {
        continue;
      }
      if (!h.status().isEmpty() && !h.status().equals("unknown")) {
        out.gauge(UP, h.ok(), site, sub);
      }
      gaugeIfKnown(out, USERS, h.users(), site, sub);
      gaugeIfKnown(out, DEVICES, h.adopted(), site, sub, "adopted");
      gaugeIfKnown(out, DEVICES, h.disconnected(), site, sub, "disconnected");
      gaugeIfKnown(out, DEVICES, h.pending(), site, sub, "pending");
      gaugeIfKnown(out, RX_RATE, h.rxBytesPerSecond(), site, sub);
      gaugeIfKnown(out, TX_RATE, h.txBytesPerSecond(), site, sub);
      if (sub.equals("www")) {
        // The controller leaves latency out while the internet is unreachable.
        gaugeIfKnown(out, WAN_LATENCY, h.latencyMs() / 1000, site);
        gaugeIfKnown(out, SPEEDTEST, h.speedtestUpMbps() * 1e6, site, "up");
        gaugeIfKnown(out, SPEEDTEST, h.speedtestDownMbps() * 1e6, site, "down");
      }
    }
  }
}
