package io.github.homelabha.keepalived.system;

import io.github.homelabha.core.testkit.system.ManagedProcess;
import io.github.homelabha.core.testkit.system.NetworkLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * One keepalived of a test cluster: its own directory with config, pid files, TMPDIR (dumps),
 * notify FIFO and a track script that fails while a {@code fail} file exists.
 */
public final class KeepalivedNode {
  static final String PASSWORD = "LEAKME42";

  final String host;
  public final Path dir;
  public final Path dumps;
  public final Path fifo;
  public final Path pidFile;
  private final NetworkLab lab;
  private ManagedProcess process;
  private int starts;

  KeepalivedNode(NetworkLab lab, String host, Path base) throws IOException {
    this.lab = lab;
    this.host = host;
    this.dir = Files.createDirectories(base.resolve(host));
    this.dumps = Files.createDirectories(dir.resolve("tmp"));
    this.fifo = dir.resolve("notify.fifo");
    this.pidFile = dir.resolve("keepalived.pid");
    Path script = dir.resolve("check.sh");
    Files.writeString(script, "#!/bin/sh\ntest ! -e " + dir.resolve("fail") + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /**
   * Writes the config: one instance {@code VI_DNS} (vrid 51, unicast to {@code peers}, PASS
   * authentication, VIP 192.0.2.100) tracking {@code chk_dns} with {@code weight}, plus {@code
   * extraInstances} more instances for load tests.
   */
  void configure(int priority, int weight, List<String> peers, int extraInstances)
      throws IOException {
    StringBuilder c = new StringBuilder();
    c.append("global_defs {\n  router_id ").append(host).append('\n');
    c.append("  vrrp_notify_fifo ").append(fifo).append('\n');
    c.append("  vrrp_notify_priority_changes true\n}\n");
    c.append("vrrp_script chk_dns {\n  script \"").append(dir.resolve("check.sh"));
    c.append("\"\n  interval 1\n  fall 1\n  rise 1\n  weight ").append(weight).append("\n}\n");
    c.append(instance("VI_DNS", 51, priority, peers, "192.0.2.100/24", true));
    for (int i = 0; i < extraInstances; i++) {
      c.append(
          instance("VI_" + i, 100 + i, priority, peers, "198.51.100." + (i + 1) + "/24", false));
    }
    Files.writeString(dir.resolve("keepalived.conf"), c.toString());
  }

  private String instance(
      String name, int vrid, int priority, List<String> peers, String vip, boolean track) {
    StringBuilder c = new StringBuilder();
    c.append("vrrp_instance ").append(name).append(" {\n  state BACKUP\n  interface eth0\n");
    c.append("  virtual_router_id ").append(vrid).append("\n  priority ").append(priority);
    c.append("\n  advert_int 1\n  unicast_src_ip ").append(lab.address(host));
    c.append("\n  unicast_peer {\n");
    for (String p : peers) {
      c.append("    ").append(lab.address(p)).append('\n');
    }
    c.append("  }\n  authentication {\n    auth_type PASS\n    auth_pass ").append(PASSWORD);
    c.append("\n  }\n  virtual_ipaddress {\n    ").append(vip).append(" dev eth0\n  }\n");
    if (track) {
      c.append("  track_script {\n    chk_dns\n  }\n");
    }
    return c.append("}\n").toString();
  }

  void start() {
    starts++;
    process =
        lab.start(
            host,
            dir.resolve("keepalived-" + starts + ".log"),
            "env",
            "TMPDIR=" + dumps,
            "keepalived",
            "-n",
            "-l",
            "-D",
            "-f",
            dir.resolve("keepalived.conf").toString(),
            "-p",
            pidFile.toString(),
            "-r",
            dir.resolve("vrrp.pid").toString(),
            "-c",
            dir.resolve("checkers.pid").toString());
  }

  ManagedProcess process() {
    return process;
  }

  public void failTrackScript(boolean fail) throws IOException {
    if (fail) {
      Files.writeString(dir.resolve("fail"), "");
    } else {
      Files.deleteIfExists(dir.resolve("fail"));
    }
  }

  /** Exporter flags for this node. */
  public String[] exporterArgs() {
    return new String[] {
      "--keepalived.pid-file=" + pidFile,
      "--keepalived.dump-dir=" + dumps,
      "--keepalived.notify-fifo=" + fifo,
      "--keepalived.netns=" + lab.namespace(host)
    };
  }
}
