package io.github.homelabha.keepalived.system;

import io.github.homelabha.core.testkit.system.NetworkLab;
import io.github.homelabha.core.testkit.system.ProcessResult;
import io.github.homelabha.core.testkit.system.keepalived.KeepalivedConfig;
import io.github.homelabha.core.testkit.system.keepalived.KeepalivedConfig.Instance;
import io.github.homelabha.core.testkit.system.keepalived.KeepalivedNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A started two-node cluster: n1 priority 150 (track script weight -60), n2 priority 100. */
public record KeepalivedNodes(NetworkLab lab, KeepalivedNode n1, KeepalivedNode n2) {

  /** The VRRP password of these clusters: it must never show in the exporter's output. */
  static final String PASSWORD = "LEAKME42";

  /**
   * This module's cluster: instance {@code VI_DNS} (vrid 51, VIP 192.0.2.100) tracking the node's
   * script with weight -60, unicast to {@code peer}, plus {@code extraInstances} untracked
   * instances for load tests.
   */
  static KeepalivedConfig config(int priority, String peer, int extraInstances) {
    KeepalivedConfig config =
        KeepalivedConfig.of(priority, -60)
            .password(PASSWORD)
            .unicastTo(List.of(peer))
            .instance(Instance.of("VI_DNS", 51, "192.0.2.100/24 dev eth0"));
    for (int i = 0; i < extraInstances; i++) {
      config.instance(
          Instance.of("VI_" + i, 100 + i, "198.51.100." + (i + 1) + "/24 dev eth0").untracked());
    }
    return config;
  }

  public static KeepalivedNodes twoNodes(NetworkLab lab, Path base, int extraInstances)
      throws IOException {
    lab.addHost("n1", "192.0.2.11/24");
    lab.addHost("n2", "192.0.2.12/24");
    KeepalivedNode n1 = new KeepalivedNode(lab, "n1", base.resolve("n1"));
    KeepalivedNode n2 = new KeepalivedNode(lab, "n2", base.resolve("n2"));
    n1.configure(KeepalivedNodes.config(150, "n2", extraInstances));
    n2.configure(KeepalivedNodes.config(100, "n1", extraInstances));
    n1.start();
    n2.start();
    return new KeepalivedNodes(lab, n1, n2);
  }

  /** Whether {@code address} is configured in the host's namespace right now. */
  public boolean vipOn(String host, String address) {
    ProcessResult r = lab.exec(host, "ip", "-o", "addr", "show", "dev", "eth0");
    return r.stdout().contains(" " + address + "/");
  }
}
