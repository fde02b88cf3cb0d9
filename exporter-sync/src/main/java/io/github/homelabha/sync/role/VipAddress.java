package io.github.homelabha.sync.role;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IP literal handling without DNS look-ups (a host name here would be a configuration error). */
final class VipAddress {
  private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9._-]+)?");

  private VipAddress() {}

  static boolean isLiteral(String value) {
    return parse(value) != null;
  }

  /** The address, or null when {@code value} is not an IPv4/IPv6 literal. */
  static InetAddress parse(String value) {
    String v = value.trim();
    if (!(V4.matcher(v).matches() || (v.contains(":") && V6.matcher(v).matches()))) {
      return null;
    }
    try {
      // Literal only: the patterns above make getByName skip name resolution.
      return InetAddress.getByName(v);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
