package io.github.homelabha.core.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free ports for tests that must name a port up front (a config file, a daemon's flag). */
public final class PortAllocator {
  private PortAllocator() {}

  /**
   * A TCP port on 127.0.0.1 that the kernel just handed out and that nothing listens on. Another
   * process could take it before the test binds it; the kernel cycles through its whole ephemeral
   * range before reusing a number, which makes that rare even with parallel builds.
   */
  public static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
    }
  }
}
