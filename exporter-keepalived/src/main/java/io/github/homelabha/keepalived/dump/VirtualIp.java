package io.github.homelabha.keepalived.dump;

import java.util.Optional;

/**
 * One virtual address of an instance as keepalived prints it, e.g. {@code 192.0.2.100/24 dev eth0
 * scope global set}.
 *
 * @param address the address without prefix length ({@code 192.0.2.100}, {@code fd00:db8::100})
 * @param prefixLength the prefix length if given
 * @param device the interface the address is added to, or empty when keepalived did not print one
 */
public record VirtualIp(String address, Optional<Integer> prefixLength, Optional<String> device) {

  /** Parses one VIP description; the address is validated loosely (hex digits, dots, colons). */
  public static VirtualIp parse(String text) throws DumpParseException {
    String[] words = text.trim().split("\\s+");
    if (words.length == 0 || words[0].isEmpty()) {
      throw new DumpParseException("empty virtual IP entry");
    }
    String addressPart = words[0];
    Optional<Integer> prefix = Optional.empty();
    int slash = addressPart.indexOf('/');
    if (slash >= 0) {
      prefix = Optional.of(parsePrefix(addressPart.substring(slash + 1)));
      addressPart = addressPart.substring(0, slash);
    }
    if (!addressPart.matches("[0-9A-Fa-f.:]+") || !addressPart.matches(".*[.:].*")) {
      throw new DumpParseException("virtual IP entry does not start with an IP address");
    }
    Optional<String> device = Optional.empty();
    for (int i = 1; i + 1 < words.length; i++) {
      if (words[i].equals("dev")) {
        device = Optional.of(words[i + 1]);
        break;
      }
    }
    return new VirtualIp(addressPart, prefix, device);
  }

  private static int parsePrefix(String s) throws DumpParseException {
    if (!s.matches("[0-9]{1,3}")) {
      throw new DumpParseException("virtual IP prefix length is not a number");
    }
    int p = Integer.parseInt(s);
    if (p > 128) {
      throw new DumpParseException("virtual IP prefix length out of range");
    }
    return p;
  }

  /** {@code address/prefix} as {@code ip addr} prints it, for matching the host's addresses. */
  public String cidr() {
    return prefixLength.map(p -> address + "/" + p).orElse(address);
  }
}
