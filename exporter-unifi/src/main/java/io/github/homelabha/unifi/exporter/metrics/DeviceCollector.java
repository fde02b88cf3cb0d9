package io.github.homelabha.unifi.exporter.metrics;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.unifi.client.model.Device;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code unifi_device_*}, {@code unifi_radio_*} and {@code unifi_vap_clients}: one device each. */
public final class DeviceCollector {
  static final MetricFamily INFO =
      MetricFamily.info(
          "unifi_device_info",
          "A device: name, model, type (uap, usw, ugw, udm, uxg) and firmware version.",
          "site",
          "mac",
          "name",
          "model",
          "type",
          "version");
  static final MetricFamily UP =
      MetricFamily.gauge(
          "unifi_device_up",
          "1 when the controller is connected to the device (state 1), else 0; one series per device.",
          "site",
          "mac",
          "name",
          "type");
  static final MetricFamily STATE =
      MetricFamily.gauge(
          "unifi_device_state",
          "The controller's state code: 0 disconnected, 1 connected, 2 pending adoption,"
              + " 4 upgrading, 5 provisioning, 6 heartbeat missed, 7 adopting, 9 adoption failed,"
              + " 10 isolated, 11 isolated too.",
          "site",
          "mac");
  static final MetricFamily ADOPTED =
      MetricFamily.gauge("unifi_device_adopted", "1 when the device is adopted.", "site", "mac");
  static final MetricFamily UPGRADABLE =
      MetricFamily.gauge(
          "unifi_device_upgradable", "1 when newer firmware is available.", "site", "mac");
  static final MetricFamily UPTIME =
      MetricFamily.gauge(
          "unifi_device_uptime_seconds", "Time since the device booted.", "site", "mac");
  static final MetricFamily CPU =
      MetricFamily.gauge("unifi_device_cpu_ratio", "CPU use, 0 to 1.", "site", "mac");
  static final MetricFamily MEMORY =
      MetricFamily.gauge("unifi_device_memory_ratio", "Memory use, 0 to 1.", "site", "mac");
  static final MetricFamily LOAD1 =
      MetricFamily.gauge("unifi_device_load1", "1-minute load average.", "site", "mac");
  static final MetricFamily LOAD5 =
      MetricFamily.gauge("unifi_device_load5", "5-minute load average.", "site", "mac");
  static final MetricFamily LOAD15 =
      MetricFamily.gauge("unifi_device_load15", "15-minute load average.", "site", "mac");
  static final MetricFamily TEMPERATURE =
      MetricFamily.gauge(
          "unifi_device_temperature_celsius", "A temperature sensor.", "site", "mac", "sensor");
  static final MetricFamily CLIENTS =
      MetricFamily.gauge(
          "unifi_device_clients", "Clients connected through the device.", "site", "mac");
  static final MetricFamily RX =
      MetricFamily.counter(
          "unifi_device_receive_bytes_total", "Bytes the device received.", "site", "mac");
  static final MetricFamily TX =
      MetricFamily.counter(
          "unifi_device_transmit_bytes_total", "Bytes the device sent.", "site", "mac");
  static final MetricFamily RADIO_CLIENTS =
      MetricFamily.gauge(
          "unifi_radio_clients",
          "Clients on a radio of an access point.",
          "site",
          "mac",
          "radio",
          "band");
  static final MetricFamily RADIO_UTILIZATION =
      MetricFamily.gauge(
          "unifi_radio_channel_utilization_ratio",
          "Share of airtime in use on the radio's channel, 0 to 1.",
          "site",
          "mac",
          "radio",
          "band");
  static final MetricFamily RADIO_TX_POWER =
      MetricFamily.gauge(
          "unifi_radio_transmit_power_dbm",
          "Transmit power of the radio.",
          "site",
          "mac",
          "radio",
          "band");
  static final MetricFamily RADIO_CHANNEL =
      MetricFamily.gauge(
          "unifi_radio_channel", "Channel of the radio.", "site", "mac", "radio", "band");
  static final MetricFamily VAP_CLIENTS =
      MetricFamily.gauge(
          "unifi_vap_clients",
          "Clients of one SSID on one band of an access point.",
          "site",
          "mac",
          "band",
          "ssid");

  public static final List<MetricFamily> FAMILIES =
      List.of(
          INFO,
          UP,
          STATE,
          ADOPTED,
          UPGRADABLE,
          UPTIME,
          CPU,
          MEMORY,
          LOAD1,
          LOAD5,
          LOAD15,
          TEMPERATURE,
          CLIENTS,
          RX,
          TX,
          RADIO_CLIENTS,
          RADIO_UTILIZATION,
          RADIO_TX_POWER,
          RADIO_CHANNEL,
          VAP_CLIENTS);

  private DeviceCollector() {}

  /** Devices without a MAC, or with one seen before, are left out: a MAC names a device. */
  public static List<Device> distinct(List<Device> devices) {
    Set<String> seen = new HashSet<>();
    return devices.stream().filter(d -> !d.mac().isEmpty() && seen.add(d.mac())).toList();
  }

  public static void write(String site, List<Device> devices, MetricWriter out) {
    for (Device d : devices) {
      String mac = d.mac();
      String name = Labels.deviceName(d.name(), mac);
      out.info(INFO, site, mac, name, d.model(), d.type(), d.version());
      out.gauge(UP, d.connected(), site, mac, name, d.type());
      out.gauge(STATE, d.state(), site, mac);
      out.gauge(ADOPTED, d.adopted(), site, mac);
      out.gauge(UPGRADABLE, d.upgradable(), site, mac);
      gaugeIfKnown(out, CLIENTS, d.clients(), site, mac);
      counterIfKnown(out, RX, d.rxBytes(), site, mac);
      counterIfKnown(out, TX, d.txBytes(), site, mac);
      if (!d.connected()) {
        // A disconnected device's last readings are stale: leave them out.
        continue;
      }
      gaugeIfKnown(out, UPTIME, d.uptimeSeconds(), site, mac);
      gaugeIfKnown(out, CPU, d.cpuPercent() / 100, site, mac);
      gaugeIfKnown(out, MEMORY, d.memoryPercent() / 100, site, mac);
      gaugeIfKnown(out, LOAD1, d.load1(), site, mac);
      gaugeIfKnown(out, LOAD5, d.load5(), site, mac);
      gaugeIfKnown(out, LOAD15, d.load15(), site, mac);
      Set<String> sensors = new HashSet<>();
      for (Device.Temperature t : d.temperatures()) {
        String sensor = t.name().isEmpty() ? t.type() : t.name();
        if (sensors.add(sensor)) {
          out.gauge(TEMPERATURE, t.celsius(), site, mac, sensor);
        }
      }
      writeRadios(site, d, out);
    }
  }

  private static void writeRadios(String site, Device d, MetricWriter out) {
    Set<String> radios = new HashSet<>();
    for (Device.Radio r : d.radios()) {
      String radio = r.name().isEmpty() ? r.band() : r.name();
      if (!radios.add(radio)) {
        continue;
      }
      String band = Labels.band(r.band());
      gaugeIfKnown(out, RADIO_CLIENTS, r.clients(), site, d.mac(), radio, band);
      gaugeIfKnown(
          out, RADIO_UTILIZATION, r.channelUtilizationPercent() / 100, site, d.mac(), radio, band);
      gaugeIfKnown(out, RADIO_TX_POWER, r.txPowerDbm(), site, d.mac(), radio, band);
      gaugeIfKnown(out, RADIO_CHANNEL, r.channel(), site, d.mac(), radio, band);
    }
    // An SSID can sit on two radios of the same band: add them up.
    Map<List<String>, Double> vaps = new LinkedHashMap<>();
    for (Device.Vap v : d.vaps()) {
      if (!Double.isNaN(v.clients()) && !v.essid().isEmpty()) {
        vaps.merge(List.of(Labels.band(v.band()), v.essid()), v.clients(), Double::sum);
      }
    }
    vaps.forEach((k, n) -> out.gauge(VAP_CLIENTS, n, site, d.mac(), k.get(0), k.get(1)));
  }

  static void gaugeIfKnown(MetricWriter out, MetricFamily f, double v, String... labels) {
    if (!Double.isNaN(v)) {
      out.gauge(f, v, labels);
    }
  }

  static void counterIfKnown(MetricWriter out, MetricFamily f, double v, String... labels) {
    if (!Double.isNaN(v) && v >= 0) {
      out.counter(f, v, labels);
    }
  }
}
