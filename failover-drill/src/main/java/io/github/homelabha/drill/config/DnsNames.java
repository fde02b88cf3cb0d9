package io.github.homelabha.drill.config;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** DNS name checks for the configuration. */
final class DnsNames {
  private DnsNames() {}

  static boolean isValid(String name) {
    try {
      Name.fromString(name, Name.root);
      return true;
    } catch (TextParseException e) {
      return false;
    }
  }
}
