package io.github.homelabha.unifi.client.model;

/**
 * A station connected to the site ({@code stat/sta}). Wireless fields are empty or NaN for wired
 * clients and the other way round.
 *
 * @param signalDbm received signal, negative dBm
 * @param rxBytes bytes received from the client ({@code rx_bytes} or {@code wired-rx_bytes})
 */
public record Client(
    String mac,
    String name,
    String hostname,
    String ip,
    boolean wired,
    boolean guest,
    String apMac,
    String switchMac,
    int switchPort,
    String essid,
    String band,
    double signalDbm,
    double rxBytes,
    double txBytes,
    double uptimeSeconds) {

  /** The name shown in the UI: the alias, else the host name, else the MAC. */
  public String displayName() {
    if (!name.isEmpty()) {
      return name;
    }
    return hostname.isEmpty() ? mac : hostname;
  }
}
