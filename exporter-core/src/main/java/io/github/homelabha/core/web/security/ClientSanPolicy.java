package io.github.homelabha.core.web.security;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * {@code client_allowed_sans}: the client's own certificate (the first of its chain) must carry at
 * least one Subject Alternative Name (DNS, IP, e-mail or URI) equal to a listed value. IP addresses
 * are compared in Go's textual form, so {@code 10.0.0.1} and {@code ::1} match as written there.
 */
public final class ClientSanPolicy {
  private final Set<String> allowed;

  ClientSanPolicy(Collection<String> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  public Set<String> allowed() {
    return allowed;
  }

  /** Whether the leaf certificate of {@code chain} has an allowed SAN; false for an empty chain. */
  public boolean allows(X509Certificate[] chain) {
    if (chain == null || chain.length == 0 || chain[0] == null) {
      return false;
    }
    return sanValues(chain[0]).stream().anyMatch(allowed::contains);
  }

  static List<String> sanValues(X509Certificate certificate) {
    List<String> values = new ArrayList<>();
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return values;
    }
    if (names == null) {
      return values;
    }
    for (List<?> name : names) {
      if (name.size() < 2 || !(name.get(0) instanceof Integer type)) {
        continue;
      }
      Object value = name.get(1);
      switch (type) {
        case 1, 2, 6 -> values.add(String.valueOf(value)); // rfc822Name, dNSName, URI
        case 7 -> values.add(canonicalIp(String.valueOf(value))); // iPAddress
        default -> {
          // otherName, x400Address, directoryName, ediPartyName, registeredID: Go ignores them
        }
      }
    }
    return values;
  }

  /** JSSE prints IPv6 SANs in full ({@code 0:0:0:0:0:0:0:1}); Go compares the short form. */
  private static String canonicalIp(String literal) {
    if (!literal.contains(":")) {
      return literal;
    }
    try {
      // a literal never causes a DNS lookup; an IPv4-mapped address comes back as Inet4Address,
      // printed dotted as Go does
      InetAddress address = InetAddress.getByName(literal);
      return address instanceof Inet4Address
          ? address.getHostAddress()
          : compressIpv6(address.getAddress());
    } catch (UnknownHostException e) {
      return literal;
    }
  }

  private static String compressIpv6(byte[] address) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
    }
    // the longest run (of two or more) of zero groups becomes "::", the first one on a tie
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }
}
