package io.github.homelabha.keepalived.system;

import io.github.homelabha.core.testkit.system.NetworkLab;
import io.github.homelabha.core.testkit.system.ProcessResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A started two-node cluster: n1 priority 150 (track script weight -60), n2 priority 100. */
public record KeepalivedNodes(NetworkLab lab, KeepalivedNode n1, KeepalivedNode n2) {

  public static KeepalivedNodes twoNodes(NetworkLab lab, Path base, int extraInstances)
      throws IOException {
    lab.addHost("n1", "192.0.2.11/24");
    lab.addHost("n2", "192.0.2.12/24");
    KeepalivedNode n1 = new KeepalivedNode(lab, "n1", base);
    KeepalivedNode n2 = new KeepalivedNode(lab, "n2", base);
    n1.configure(150, -60, List.of("n2"), extraInstances);
    n2.configure(100, -60, List.of("n1"), extraInstances);
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
