package io.github.homelabha.core.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Free ports for tests that must name a port up front (a config file, a daemon's flag). */
public final class PortAllocator {
  /** Ports this JVM handed out: the kernel may offer a closed port again at once. */
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private static final int ATTEMPTS = 1000;

  private PortAllocator() {}

  /**
   * A TCP port on 127.0.0.1 that nothing listens on and that this JVM has not handed out before.
   * Linux picks an unbound port at random from its ephemeral range, so two calls could otherwise
   * name the same port for two daemons that bind later. Another process could still take it before
   * the test binds it; the kernel gives bind() odd ports first and connect() even ones, which makes
   * that rare.
   */
  public static synchronized int freeLoopbackPort() {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = kernelChosenPort();
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException(
        "no port on 127.0.0.1 that this JVM has not handed out before, in " + ATTEMPTS + " tries");
  }

  private static int kernelChosenPort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
    }
  }
}
