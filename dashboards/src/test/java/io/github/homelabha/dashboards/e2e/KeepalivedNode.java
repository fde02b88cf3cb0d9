package io.github.homelabha.dashboards.e2e;

import io.github.homelabha.core.testkit.system.ManagedProcess;
import io.github.homelabha.core.testkit.system.NetworkLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One node of the end-to-end cluster: a real keepalived in its network namespace with VI_1 (VRID
 * 51, VIP 192.0.2.10), a weighted track script {@code chk_dns} that fails when the node's {@code
 * healthy} file is removed, and a notify FIFO only the exporter reads.
 */
final class KeepalivedNode {

  static final String VIP = "192.0.2.10";
  static final int TRACK_SCRIPT_WEIGHT = -60;

  private final NetworkLab lab;
  private final String host;
  private final Path dir;
  private final int priority;
  private final List<String> excludedVips;
  private ManagedProcess keepalived;

  KeepalivedNode(NetworkLab lab, String host, Path dir, int priority) throws IOException {
    this(lab, host, dir, priority, List.of());
  }

  /**
   * With {@code excludedVips} (e.g. {@code 2001:db8::10/64}) moving with VI_1 but left out of its
   * adverts, as an IPv6 VIP of an IPv4 instance must be.
   */
  KeepalivedNode(NetworkLab lab, String host, Path dir, int priority, List<String> excludedVips)
      throws IOException {
    this.lab = lab;
    this.excludedVips = List.copyOf(excludedVips);
    this.host = host;
    this.dir = Files.createDirectories(dir);
    this.priority = priority;
    Files.writeString(healthyFile(), "ok\n");
    Files.writeString(dir.resolve("keepalived.conf"), config());
  }

  String host() {
    return host;
  }

  Path pidFile() {
    return dir.resolve("keepalived.pid");
  }

  Path dumpDir() {
    return dir;
  }

  Path notifyFifo() {
    return dir.resolve("notify.fifo");
  }

  private Path healthyFile() {
    return dir.resolve("healthy");
  }

  void start() {
    keepalived =
        lab.start(
            host,
            dir.resolve("keepalived-" + System.nanoTime() + ".log"),
            "env",
            "TMPDIR=" + dir,
            "keepalived",
            "-n",
            "-l",
            "-D",
            "-f",
            dir.resolve("keepalived.conf").toString(),
            "-p",
            pidFile().toString(),
            "-r",
            dir.resolve("vrrp.pid").toString(),
            "-c",
            dir.resolve("checkers.pid").toString());
  }

  /** SIGTERM, as systemctl stop or a crash-free shutdown does. */
  void stop() {
    keepalived.stop(Duration.ofSeconds(5));
  }

  void failTrackScript() throws IOException {
    Files.delete(healthyFile());
  }

  String log() {
    return keepalived == null ? "" : keepalived.logText();
  }

  private String config() {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "global_defs {",
                "  router_id e2e_" + host,
                "  enable_script_security",
                "  script_user root",
                "  vrrp_notify_fifo " + notifyFifo(),
                "  vrrp_notify_priority_changes true",
                "}",
                "vrrp_script chk_dns {",
                "  script \"/usr/bin/test -e " + healthyFile() + "\"",
                "  interval 1",
                "  fall 1",
                "  rise 1",
                "  weight " + TRACK_SCRIPT_WEIGHT,
                "}",
                "vrrp_instance VI_1 {",
                "  state BACKUP",
                "  interface eth0",
                "  virtual_router_id 51",
                "  priority " + priority,
                "  advert_int 1",
                "  authentication {",
                "    auth_type PASS",
                "    auth_pass e2e-pass",
                "  }",
                "  virtual_ipaddress {",
                "    " + VIP + "/24",
                "  }",
                "  track_script {",
                "    chk_dns",
                "  }"));
    if (!excludedVips.isEmpty()) {
      lines.add("  virtual_ipaddress_excluded {");
      excludedVips.forEach(vip -> lines.add("    " + vip));
      lines.add("  }");
    }
    lines.add("}");
    lines.add("");
    return String.join("\n", lines);
  }
}
