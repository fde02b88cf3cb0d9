package io.github.homelabha.sync.role;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/** Addresses of the namespace this JVM runs in, from the JDK's interface list. */
public final class JvmLocalAddresses implements LocalAddresses {
  @Override
  public Set<InetAddress> current() throws SocketException {
    Set<InetAddress> result = new HashSet<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      result.addAll(Collections.list(nic.getInetAddresses()));
    }
    return result;
  }
}
