package io.github.homelabha.unifi.client.model;

import java.util.List;
import java.util.Set;

/**
 * A device of a site ({@code stat/device}): access point, switch, gateway or console. Numbers the
 * controller left out are {@code NaN}; lists it left out are empty.
 *
 * @param type {@code uap}, {@code usw}, {@code ugw}, {@code udm}, {@code uxg}, ... as the
 *     controller reports it (PDUs report {@code usw})
 * @param state the controller's state code: 0 disconnected, 1 connected, others (pending,
 *     upgrading, provisioning, heartbeat missed, adopting, isolated, ...) in between; -1 unknown
 * @param cpuPercent {@code system-stats.cpu}, 0..100
 * @param memoryPercent {@code system-stats.mem}, 0..100
 * @param clients stations connected through this device ({@code num_sta})
 */
public record Device(
    String mac,
    String name,
    String model,
    String type,
    String version,
    String ip,
    int state,
    boolean adopted,
    boolean upgradable,
    double uptimeSeconds,
    double cpuPercent,
    double memoryPercent,
    double load1,
    double load5,
    double load15,
    double clients,
    double rxBytes,
    double txBytes,
    List<Temperature> temperatures,
    List<Port> ports,
    List<Radio> radios,
    List<Vap> vaps,
    Wan wan) {

  /** The state code of a device the controller is in contact with. */
  public static final int STATE_CONNECTED = 1;

  private static final Set<String> GATEWAY_TYPES = Set.of("ugw", "udm", "uxg", "ucg");

  public boolean connected() {
    return state == STATE_CONNECTED;
  }

  /** USG, UDM, UXG and UCG consoles route the site's WAN. */
  public boolean isGateway() {
    return GATEWAY_TYPES.contains(type);
  }

  /** A sensor reading in degrees Celsius. */
  public record Temperature(String name, String type, double celsius) {}

  /**
   * A switch port ({@code port_table}); PoE figures are NaN on ports without PoE.
   *
   * @param speedMbps negotiated speed in Mbit/s, 0 when the link is down
   */
  public record Port(
      int index,
      String name,
      boolean enabled,
      boolean up,
      double speedMbps,
      boolean fullDuplex,
      boolean uplink,
      boolean poe,
      double poePowerWatts,
      double rxBytes,
      double txBytes) {}

  /**
   * A radio ({@code radio_table_stats}).
   *
   * @param band {@code ng} (2.4 GHz), {@code na} (5 GHz), {@code 6e} (6 GHz)
   * @param channelUtilizationPercent {@code cu_total}
   */
  public record Radio(
      String name,
      String band,
      double channel,
      double txPowerDbm,
      double channelUtilizationPercent,
      double clients,
      double satisfaction) {}

  /** One SSID on one radio ({@code vap_table}). */
  public record Vap(String essid, String band, double clients) {}

  /** The gateway's first WAN port ({@code wan1}); null on other devices. */
  public record Wan(boolean up, double speedMbps, double rxBytes, double txBytes) {}
}
