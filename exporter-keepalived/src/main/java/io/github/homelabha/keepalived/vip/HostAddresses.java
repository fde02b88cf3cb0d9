package io.github.homelabha.keepalived.vip;

import java.util.Set;

/** The addresses configured on a host's (or a network namespace's) interfaces. */
public record HostAddresses(Set<String> interfaceAddressPairs) {

  public HostAddresses {
    interfaceAddressPairs = Set.copyOf(interfaceAddressPairs);
  }

  /** True when {@code address} is on {@code device}, or on any interface when device is empty. */
  public boolean has(String device, String address) {
    String normalized = AddressListParser.normalize(address);
    if (device.isEmpty()) {
      return interfaceAddressPairs.stream().anyMatch(p -> p.endsWith(" " + normalized));
    }
    return interfaceAddressPairs.contains(device + " " + normalized);
  }
}
