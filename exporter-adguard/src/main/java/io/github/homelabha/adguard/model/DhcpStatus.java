package io.github.homelabha.adguard.model;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code GET /control/dhcp/status}: the server switch and its lease counts. */
public record DhcpStatus(
    boolean enabled, String interfaceName, int dynamicLeases, int staticLeases) {

  public static DhcpStatus parse(JsonNode root) throws AdGuardParseException {
    String what = "/control/dhcp/status";
    JsonNode o = Json.object(root, what);
    return new DhcpStatus(
        Json.bool(o, "enabled", false, what),
        Json.text(o, "interface_name", "", what),
        Json.list(o, "leases", what).size(),
        Json.list(o, "static_leases", what).size());
  }
}
