package io.github.homelabha.launcher.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * A real two-node keepalived cluster in network namespaces: {@code node-a} (priority 150) is the
 * preferred MASTER of VIP 192.0.2.100, {@code node-b} (100) its backup; both track {@code chk_dns}
 * with weight -60. {@link #nextStep} drives it through failovers with different reasons, one step
 * at a time: track script failing, preemption back, keepalived stopped, preemption back.
 */
final class KeepalivedCluster implements AutoCloseable {
  private final DemoNetwork network;
  private final KeepalivedNode a;
  private final KeepalivedNode b;
  private int step;

  private KeepalivedCluster(DemoNetwork network, KeepalivedNode a, KeepalivedNode b) {
    this.network = network;
    this.a = a;
    this.b = b;
  }

  static KeepalivedCluster start(Path dir, String ip, String keepalived) throws IOException {
    DemoNetwork network = new DemoNetwork(ip);
    KeepalivedNode a = null;
    KeepalivedNode b = null;
    try {
      network.createSwitch();
      String nsA = network.addNode("node-a", "192.0.2.11/24", 1);
      String nsB = network.addNode("node-b", "192.0.2.12/24", 2);
      a =
          new KeepalivedNode(
              "node-a",
              "192.0.2.11",
              nsA,
              dir.resolve("node-a"),
              network,
              keepalived,
              150,
              "192.0.2.12");
      b =
          new KeepalivedNode(
              "node-b",
              "192.0.2.12",
              nsB,
              dir.resolve("node-b"),
              network,
              keepalived,
              100,
              "192.0.2.11");
      a.start();
      b.start();
      return new KeepalivedCluster(network, a, b);
    } catch (IOException | RuntimeException e) {
      if (a != null) {
        a.close();
      }
      if (b != null) {
        b.close();
      }
      network.close();
      throw e;
    }
  }

  /** The keepalived exporter's configuration section: one target per node. */
  Map<String, Object> exporterSection() {
    return Map.of("targets", List.of(a.exporterTarget(), b.exporterTarget()));
  }

  /** The next failover of the scenario; says on standard output what it did and why. */
  synchronized void nextStep() throws IOException {
    String what;
    switch (step++ % 4) {
      case 0 -> {
        a.failTrackScript(true);
        what = "chk_dns fails on node-a (priority 150-60=90): node-b takes the VIP";
      }
      case 1 -> {
        a.failTrackScript(false);
        what = "chk_dns recovers on node-a (priority 150): node-a preempts node-b";
      }
      case 2 -> {
        a.stop();
        what = "keepalived stopped on node-a: node-b takes the VIP";
      }
      default -> {
        a.start();
        what = "keepalived started again on node-a: it preempts node-b";
      }
    }
    System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " failover: " + what);
  }

  @Override
  public void close() {
    a.close();
    b.close();
    network.close();
  }
}
