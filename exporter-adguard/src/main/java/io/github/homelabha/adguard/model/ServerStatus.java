package io.github.homelabha.adguard.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code GET /control/status}.
 *
 * @param protectionDisabledMillis time left until protection comes back on by itself (0 when
 *     enabled, or disabled without end; field absent before v0.107.27)
 * @param startTimeMillis when AdGuard Home started (NaN before v0.107.70, which lacks the field)
 */
public record ServerStatus(
    String version,
    boolean running,
    boolean protectionEnabled,
    long protectionDisabledMillis,
    List<String> dnsAddresses,
    int dnsPort,
    boolean dhcpAvailable,
    double startTimeMillis) {

  public static ServerStatus parse(byte[] body) throws AdGuardParseException {
    String what = "/control/status";
    JsonNode o = Json.object(Json.parse(body, what), what);
    return new ServerStatus(
        Json.text(o, "version", "", what),
        Json.bool(o, "running", what),
        Json.bool(o, "protection_enabled", what),
        (long) Math.max(0, Json.number(o, "protection_disabled_duration", 0, what)),
        Json.strings(o, "dns_addresses", what),
        (int) Json.number(o, "dns_port", 0, what),
        Json.bool(o, "dhcp_available", false, what),
        Json.number(o, "start_time", Double.NaN, what));
  }
}
