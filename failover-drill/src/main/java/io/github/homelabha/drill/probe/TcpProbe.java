package io.github.homelabha.drill.probe;

import io.github.homelabha.drill.config.HostPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Passes when a TCP connection to the address is accepted. */
public final class TcpProbe implements Probe {
  private final HostPort address;

  public TcpProbe(HostPort address) {
    this.address = address;
  }

  @Override
  public void check(Duration timeout) throws ProbeFailedException {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(address.host(), address.port()),
          (int) Math.max(1, timeout.toMillis()));
    } catch (IOException e) {
      throw new ProbeFailedException(Failures.describe(e));
    }
  }
}
