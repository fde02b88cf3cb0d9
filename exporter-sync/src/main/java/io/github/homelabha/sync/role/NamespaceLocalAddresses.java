package io.github.homelabha.sync.role;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Addresses inside a named network namespace, read with {@code ip -n NAME -o addr show}. The JVM
 * cannot enter another namespace itself; this lets one exporter (or a test) follow a VIP held by a
 * keepalived that runs in a namespace.
 */
public final class NamespaceLocalAddresses implements LocalAddresses {
  private static final long TIMEOUT_SECONDS = 5;
  private final String namespace;

  public NamespaceLocalAddresses(String namespace) {
    this.namespace = namespace;
  }

  @Override
  public Set<InetAddress> current() throws IOException {
    Process process =
        new ProcessBuilder(List.of("ip", "-n", namespace, "-o", "addr", "show"))
            .redirectErrorStream(true)
            .start();
    String output;
    try (InputStream in = process.getInputStream()) {
      // Bounded: one line per address, a namespace with thousands of addresses is not ours.
      output = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("ip -n " + namespace + " addr show did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while listing addresses of " + namespace, e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          "ip -n "
              + namespace
              + " addr show failed: "
              + output.strip().lines().findFirst().orElse(""));
    }
    return parse(output);
  }

  /** Parses {@code ip -o addr show} lines: {@code 2: eth0 inet 192.0.2.1/24 brd ...}. */
  static Set<InetAddress> parse(String output) {
    Set<InetAddress> result = new HashSet<>();
    for (String line : output.split("\n")) {
      String[] fields = line.trim().split("\\s+");
      for (int i = 0; i + 1 < fields.length; i++) {
        if (fields[i].equals("inet") || fields[i].equals("inet6")) {
          String cidr = fields[i + 1];
          int slash = cidr.indexOf('/');
          InetAddress address = VipAddress.parse(slash < 0 ? cidr : cidr.substring(0, slash));
          if (address != null) {
            result.add(address);
          }
        }
      }
    }
    return result;
  }
}
