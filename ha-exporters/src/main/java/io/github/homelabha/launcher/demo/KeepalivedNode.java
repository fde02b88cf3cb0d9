package io.github.homelabha.launcher.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One keepalived of the demo cluster in its own network namespace: its directory holds the
 * configuration, pid files, dumps ({@code TMPDIR}), notify FIFO and a track script {@code chk_dns}
 * that fails while a file named {@code fail} exists.
 */
final class KeepalivedNode implements AutoCloseable {
  static final String VIP = "192.0.2.100";

  final String name;
  final String address;
  private final String namespace;
  private final Path dir;
  private final DemoNetwork network;
  private final String keepalived;
  private ChildProcess process;
  private int starts;

  KeepalivedNode(
      String name,
      String address,
      String namespace,
      Path dir,
      DemoNetwork network,
      String keepalived,
      int priority,
      String peer)
      throws IOException {
    this.name = name;
    this.address = address;
    this.namespace = namespace;
    this.dir = Files.createDirectories(dir);
    this.network = network;
    this.keepalived = keepalived;
    Files.createDirectories(dir.resolve("tmp"));
    Path script = dir.resolve("check.sh");
    Files.writeString(script, "#!/bin/sh\ntest ! -e " + dir.resolve("fail") + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(dir.resolve("keepalived.conf"), config(priority, peer));
  }

  private String config(int priority, String peer) {
    return String.join(
        "\n",
        "global_defs {",
        "  router_id " + name,
        "  vrrp_notify_fifo " + dir.resolve("notify.fifo"),
        "  vrrp_notify_priority_changes true",
        "}",
        "vrrp_script chk_dns {",
        "  script \"" + dir.resolve("check.sh") + "\"",
        "  interval 1",
        "  fall 1",
        "  rise 1",
        "  weight -60",
        "}",
        "vrrp_instance VI_DNS {",
        "  state BACKUP",
        "  interface eth0",
        "  virtual_router_id 51",
        "  priority " + priority,
        "  advert_int 1",
        "  unicast_src_ip " + address,
        "  unicast_peer {",
        "    " + peer,
        "  }",
        "  virtual_ipaddress {",
        "    " + VIP + "/24 dev eth0",
        "  }",
        "  track_script {",
        "    chk_dns",
        "  }",
        "}",
        "");
  }

  synchronized void start() throws IOException {
    starts++;
    process =
        ChildProcess.start(
            "keepalived " + name,
            dir.resolve("keepalived-" + starts + ".log"),
            network.inNamespace(
                namespace,
                List.of(
                    "env",
                    "TMPDIR=" + dir.resolve("tmp"),
                    keepalived,
                    "-n",
                    "-l",
                    "-D",
                    "-f",
                    dir.resolve("keepalived.conf").toString(),
                    "-p",
                    dir.resolve("keepalived.pid").toString(),
                    "-r",
                    dir.resolve("vrrp.pid").toString(),
                    "-c",
                    dir.resolve("checkers.pid").toString())));
  }

  /** Stops keepalived (SIGTERM: it gives up the VIP and says so with priority 0). */
  synchronized void stop() {
    if (process != null) {
      process.close();
      process = null;
    }
  }

  void failTrackScript(boolean fail) throws IOException {
    if (fail) {
      Files.writeString(dir.resolve("fail"), "");
    } else {
      Files.deleteIfExists(dir.resolve("fail"));
    }
  }

  /** This node's entry under {@code targets} in the keepalived exporter's configuration. */
  Map<String, Object> exporterTarget() {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("name", name);
    t.put("pid_file", dir.resolve("keepalived.pid").toString());
    t.put("dump_dir", dir.resolve("tmp").toString());
    t.put("notify_fifo", dir.resolve("notify.fifo").toString());
    t.put("netns", namespace);
    return t;
  }

  @Override
  public void close() {
    stop();
  }
}
