package io.github.homelabha.unifi.exporter.metrics;

import static io.github.homelabha.unifi.exporter.metrics.DeviceCollector.counterIfKnown;
import static io.github.homelabha.unifi.exporter.metrics.DeviceCollector.gaugeIfKnown;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.unifi.client.model.Device;
import io.github.homelabha.unifi.exporter.config.NodePortConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code unifi_port_*}: the ports of switches and gateways; {@code unifi_node_port_info}. */
public final class PortCollector {
  static final MetricFamily INFO =
      MetricFamily.info(
          "unifi_port_info",
          "A switch port: its name in the controller and whether it is the device's uplink.",
          "site",
          "mac",
          "port",
          "name",
          "uplink");
  static final MetricFamily UP =
      MetricFamily.gauge("unifi_port_up", "1 when the port has link.", "site", "mac", "port");
  static final MetricFamily SPEED =
      MetricFamily.gauge(
          "unifi_port_speed_bits_per_second",
          "Negotiated link speed; 0 without link.",
          "site",
          "mac",
          "port");
  static final MetricFamily POE_POWER =
      MetricFamily.gauge(
          "unifi_port_poe_power_watts",
          "Power delivered over PoE (PoE ports only).",
          "site",
          "mac",
          "port");
  static final MetricFamily RX =
      MetricFamily.counter(
          "unifi_port_receive_bytes_total", "Bytes received on the port.", "site", "mac", "port");
  static final MetricFamily TX =
      MetricFamily.counter(
          "unifi_port_transmit_bytes_total", "Bytes sent on the port.", "site", "mac", "port");
  static final MetricFamily NODE_PORT =
      MetricFamily.info(
          "unifi_node_port_info",
          "A cluster node (host) and the switch port it is plugged into, from node_ports; not called node, the label scrape configs set.",
          "site",
          "mac",
          "port",
          "host");

  public static final List<MetricFamily> FAMILIES =
      List.of(INFO, UP, SPEED, POE_POWER, RX, TX, NODE_PORT);

  private PortCollector() {}

  public static void write(
      String site, List<Device> devices, List<NodePortConfig> nodePorts, MetricWriter out) {
    for (Device d : devices) {
      if (!d.connected()) {
        continue;
      }
      Set<Integer> seen = new HashSet<>();
      for (Device.Port p : d.ports()) {
        if (!seen.add(p.index())) {
          continue;
        }
        String port = Integer.toString(p.index());
        String name = p.name().isEmpty() ? "Port " + port : p.name();
        out.info(INFO, site, d.mac(), port, name, Boolean.toString(p.uplink()));
        out.gauge(UP, p.up(), site, d.mac(), port);
        gaugeIfKnown(out, SPEED, p.up() ? p.speedMbps() * 1e6 : 0, site, d.mac(), port);
        if (p.poe()) {
          gaugeIfKnown(out, POE_POWER, p.poePowerWatts(), site, d.mac(), port);
        }
        counterIfKnown(out, RX, p.rxBytes(), site, d.mac(), port);
        counterIfKnown(out, TX, p.txBytes(), site, d.mac(), port);
      }
    }
    Set<List<String>> written = new HashSet<>();
    for (NodePortConfig np : nodePorts) {
      String wanted = np.device.toLowerCase(Locale.ROOT);
      for (Device d : devices) {
        if (d.mac().equals(wanted) || d.name().equals(np.device)) {
          List<String> key = List.of(d.mac(), Integer.toString(np.port), np.node);
          if (written.add(key)) {
            out.info(NODE_PORT, site, key.get(0), key.get(1), key.get(2));
          }
        }
      }
    }
  }
}
