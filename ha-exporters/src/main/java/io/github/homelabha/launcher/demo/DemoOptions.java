package io.github.homelabha.launcher.demo;

import io.github.homelabha.core.config.PromDuration;
import java.time.Duration;

/**
 * The demo's command line.
 *
 * @param portOffset added to every port (exporters, Prometheus), for running beside real exporters
 *     or in tests
 * @param listenHost where everything listens; empty for all interfaces
 * @param failoverEvery pause between two steps of the keepalived failover scenario
 * @param stallEvery pause between two stalls of the demo's replication
 * @param stallFor how long replication stalls
 * @param clusterAllowed false with {@code --no-cluster}: never build the keepalived cluster
 * @param prometheusAllowed false with {@code --no-prometheus}
 */
record DemoOptions(
    int portOffset,
    String listenHost,
    Duration failoverEvery,
    Duration stallEvery,
    Duration stallFor,
    boolean clusterAllowed,
    boolean prometheusAllowed) {

  static final String USAGE =
      String.join(
          "\n",
          "Usage: ha-exporters demo [--port-offset=N] [--listen-host=HOST] [--failover-every=3m]",
          "                         [--stall-every=4m] [--stall-for=45s] [--no-cluster]",
          "                         [--no-prometheus]",
          "",
          "Starts every exporter of the bundle on its default port (9165 keepalived, 9166 sync,",
          "9617 adguard, 9130 unifi) with something real to watch: a two-node keepalived cluster",
          "in network namespaces that fails over by itself (as root with keepalived installed),",
          "two directories kept in sync that stall now and then, a simulated AdGuard Home pair",
          "whose configuration drifts and is repaired, a simulated UniFi console, and a",
          "Prometheus with the shipped rules when it is installed.",
          "Ctrl-C stops everything and removes what the demo created.",
          "");

  static DemoOptions parse(String[] args) {
    int offset = 0;
    String host = "";
    Duration failover = Duration.ofMinutes(3);
    Duration stallEvery = Duration.ofMinutes(4);
    Duration stallFor = Duration.ofSeconds(45);
    boolean cluster = true;
    boolean prometheus = true;
    for (String arg : args) {
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
      switch (name) {
        case "--port-offset" -> offset = portOffset(value);
        case "--listen-host" -> host = value;
        case "--failover-every" -> failover = positive(name, value);
        case "--stall-every" -> stallEvery = positive(name, value);
        case "--stall-for" -> stallFor = positive(name, value);
        case "--no-cluster" -> cluster = false;
        case "--no-prometheus" -> prometheus = false;
        default -> throw new IllegalArgumentException("unknown demo flag " + name);
      }
    }
    return new DemoOptions(offset, host, failover, stallEvery, stallFor, cluster, prometheus);
  }

  /** {@code HOST:PORT} for a default port, with the offset applied. */
  String address(int defaultPort) {
    String host = listenHost.contains(":") ? "[" + listenHost + "]" : listenHost;
    return host + ":" + port(defaultPort);
  }

  int port(int defaultPort) {
    return defaultPort + portOffset;
  }

  /** Where a browser on this machine reaches a port. */
  String url(int defaultPort, String path) {
    String host =
        listenHost.isEmpty() || listenHost.equals("0.0.0.0")
            ? "localhost"
            : listenHost.contains(":") ? "[" + listenHost + "]" : listenHost;
    return "http://" + host + ":" + port(defaultPort) + path;
  }

  private static int portOffset(String value) {
    try {
      int n = Integer.parseInt(value);
      if (n < 0 || n > 50_000) {
        throw new IllegalArgumentException("--port-offset must be between 0 and 50000: " + value);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port-offset takes a number: " + value);
    }
  }

  private static Duration positive(String name, String value) {
    Duration d = PromDuration.parse(value);
    if (d.isZero()) {
      throw new IllegalArgumentException(name + " must be more than 0");
    }
    return d;
  }
}
