package io.github.homelabha.keepalived.vip;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Set;

/** Parses {@code ip -j addr show}: an array of interfaces, each with {@code addr_info} entries. */
public final class AddressListParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AddressListParser() {}

  public static HostAddresses parse(String json) throws AddressListException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new AddressListException("'ip -j addr' printed no valid JSON");
    }
    if (root == null || !root.isArray()) {
      throw new AddressListException("'ip -j addr' printed no interface list");
    }
    Set<String> pairs = new HashSet<>();
    for (JsonNode iface : root) {
      JsonNode name = iface.get("ifname");
      JsonNode infos = iface.get("addr_info");
      if (name == null || !name.isTextual()) {
        throw new AddressListException("'ip -j addr' listed an interface without a name");
      }
      if (infos == null) {
        continue;
      }
      if (!infos.isArray()) {
        throw new AddressListException("'ip -j addr' addr_info is no array");
      }
      for (JsonNode info : infos) {
        JsonNode local = info.get("local");
        if (local != null && local.isTextual()) {
          pairs.add(name.asText() + " " + normalize(local.asText()));
        }
      }
    }
    return new HostAddresses(pairs);
  }

  /** One spelling per address (IPv6 zero compression differs between tools). */
  static String normalize(String address) {
    if (!address.matches("[0-9A-Fa-f.:]+")) {
      return address;
    }
    try {
      return InetAddress.getByName(address).getHostAddress().replaceAll("%.*$", "");
    } catch (UnknownHostException e) {
      return address;
    }
  }

  /** {@code ip} printed something we cannot read. */
  public static final class AddressListException extends Exception {
    public AddressListException(String message) {
      super(message);
    }
  }
}
