package io.github.homelabha.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

  @Test
  void handsOutAPortThatCanBeBoundOnLoopback() throws IOException {
    int port = PortAllocator.freeLoopbackPort();

    assertThat(port).isBetween(1024, 65535);
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void neverHandsOutTheSamePortTwice() {
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      assertThat(ports.add(PortAllocator.freeLoopbackPort()))
          .as("port %d handed out again", i)
          .isTrue();
    }
  }
}
