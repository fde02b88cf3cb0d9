package io.github.homelabha.keepalived.vip;

import io.github.homelabha.keepalived.process.CommandRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lists the addresses really present on the interfaces. In the exporter's own network namespace
 * (the common case) the JVM asks the kernel directly; for keepalived in another namespace it runs
 * {@code ip -j -n NAMESPACE addr show} (a Java thread cannot enter a namespace).
 */
public final class VipChecker {
  private final String ipCommand;

  public VipChecker(String ipCommand) {
    this.ipCommand = ipCommand;
  }

  /** The addresses in {@code namespace}, or in the exporter's own namespace when empty. */
  public HostAddresses read(Optional<String> namespace)
      throws IOException, AddressListParser.AddressListException {
    return namespace.isEmpty() ? ownNamespace() : withIp(namespace.get());
  }

  /**
   * Every address of every interface, up or down. An address with a label ({@code eth0:1}) shows as
   * a sub-interface and counts for its parent, as keepalived names the parent.
   */
  static HostAddresses ownNamespace() throws SocketException {
    Set<String> pairs = new HashSet<>();
    Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
    while (all != null && all.hasMoreElements()) {
      NetworkInterface nif = all.nextElement();
      add(nif, nif.getName(), pairs);
      Enumeration<NetworkInterface> subs = nif.getSubInterfaces();
      while (subs.hasMoreElements()) {
        add(subs.nextElement(), nif.getName(), pairs);
      }
    }
    return new HostAddresses(pairs);
  }

  private static void add(NetworkInterface nif, String device, Set<String> pairs) {
    Enumeration<InetAddress> addresses = nif.getInetAddresses();
    while (addresses.hasMoreElements()) {
      String a = addresses.nextElement().getHostAddress().replaceAll("%.*$", "");
      pairs.add(device + " " + AddressListParser.normalize(a));
    }
  }

  private HostAddresses withIp(String namespace)
      throws IOException, AddressListParser.AddressListException {
    List<String> cmd = new ArrayList<>(List.of(ipCommand, "-j", "-n", namespace, "addr", "show"));
    CommandRunner.Result r = CommandRunner.run(cmd, Duration.ofSeconds(5));
    if (!r.ok()) {
      String err = r.stderr().trim();
      throw new IOException(
          String.join(" ", cmd) + " failed: " + (err.length() > 200 ? err.substring(0, 200) : err));
    }
    return AddressListParser.parse(r.stdout());
  }
}
