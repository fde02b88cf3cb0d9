package io.github.homelabha.sync.role;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Set;

/** The IP addresses configured on this node's interfaces (in one network namespace). */
public interface LocalAddresses {
  Set<InetAddress> current() throws IOException;
}
