package io.github.homelabha.unifi.exporter.metrics;

import static io.github.homelabha.unifi.exporter.metrics.DeviceCollector.counterIfKnown;
import static io.github.homelabha.unifi.exporter.metrics.DeviceCollector.gaugeIfKnown;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.unifi.client.model.Client;
import io.github.homelabha.unifi.client.model.Device;
import io.github.homelabha.unifi.exporter.config.PerClientConfig;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code unifi_clients}: clients counted by access point, SSID and band, and wired ones; bounded by
 * the site's devices and SSIDs, not by its clients. Per-client series only when enabled, capped.
 */
public final class ClientCollector {
  static final MetricFamily CLIENTS =
      MetricFamily.gauge(
          "unifi_clients",
          "Connected clients by connection (wired, wireless), access point, SSID and band;"
              + " ap, ssid and band are empty for wired clients.",
          "site",
          "connection",
          "ap",
          "ssid",
          "band");
  static final MetricFamily CLIENT_INFO =
      MetricFamily.info(
          "unifi_client_info",
          "A client (per_client enabled): its name and connection.",
          "site",
          "mac",
          "name",
          "connection");
  static final MetricFamily CLIENT_SIGNAL =
      MetricFamily.gauge(
          "unifi_client_signal_dbm", "Signal of a wireless client (per_client).", "site", "mac");
  static final MetricFamily CLIENT_RX =
      MetricFamily.counter(
          "unifi_client_receive_bytes_total",
          "Bytes received from the client (per_client).",
          "site",
          "mac");
  static final MetricFamily CLIENT_TX =
      MetricFamily.counter(
          "unifi_client_transmit_bytes_total",
          "Bytes sent to the client (per_client).",
          "site",
          "mac");
  static final MetricFamily CLIENT_UPTIME =
      MetricFamily.gauge(
          "unifi_client_uptime_seconds",
          "Time the client has been connected (per_client).",
          "site",
          "mac");
  static final MetricFamily OMITTED =
      MetricFamily.gauge(
          "unifi_client_series_omitted",
          "Clients left without per-client series because of per_client.max.",
          "site");

  public static final List<MetricFamily> FAMILIES =
      List.of(CLIENTS, CLIENT_INFO, CLIENT_SIGNAL, CLIENT_RX, CLIENT_TX, CLIENT_UPTIME, OMITTED);

  private ClientCollector() {}

  public static void write(
      String site,
      List<Client> clients,
      List<Device> devices,
      PerClientConfig perClient,
      MetricWriter out) {
    Map<String, String> apNames = new HashMap<>();
    for (Device d : devices) {
      apNames.put(d.mac(), Labels.deviceName(d.name(), d.mac()));
    }
    Map<List<String>, Integer> counts = new TreeMap<>(ClientCollector::compareKeys);
    for (Client c : clients) {
      List<String> key =
          c.wired()
              ? List.of("wired", "", "", "")
              : List.of(
                  "wireless",
                  apNames.getOrDefault(c.apMac(), c.apMac()),
                  c.essid(),
                  Labels.band(c.band()));
      counts.merge(key, 1, Integer::sum);
    }
    counts.forEach((k, n) -> out.gauge(CLIENTS, n, site, k.get(0), k.get(1), k.get(2), k.get(3)));
    if (perClient.enabled) {
      writePerClient(site, clients, perClient, out);
    }
  }

  /** Element by element: no string built per comparison (thousands of clients per scrape). */
  private static int compareKeys(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static void writePerClient(
      String site, List<Client> clients, PerClientConfig perClient, MetricWriter out) {
    Set<String> wanted = new HashSet<>(perClient.normalizedMacs());
    List<Client> chosen =
        clients.stream()
            .filter(c -> !c.mac().isEmpty())
            .filter(c -> wanted.isEmpty() || wanted.contains(c.mac()))
            .sorted(Comparator.comparing(Client::mac))
            .toList();
    Set<String> seen = new HashSet<>();
    int written = 0;
    int omitted = 0;
    for (Client c : chosen) {
      if (!seen.add(c.mac())) {
        continue;
      }
      if (written >= perClient.max) {
        omitted++;
        continue;
      }
      written++;
      out.info(CLIENT_INFO, site, c.mac(), c.displayName(), c.wired() ? "wired" : "wireless");
      gaugeIfKnown(out, CLIENT_SIGNAL, c.signalDbm(), site, c.mac());
      counterIfKnown(out, CLIENT_RX, c.rxBytes(), site, c.mac());
      counterIfKnown(out, CLIENT_TX, c.txBytes(), site, c.mac());
      gaugeIfKnown(out, CLIENT_UPTIME, c.uptimeSeconds(), site, c.mac());
    }
    out.gauge(OMITTED, omitted, site);
  }
}
