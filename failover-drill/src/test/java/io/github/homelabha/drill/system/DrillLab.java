package io.github.homelabha.drill.system;

import static org.awaitility.Awaitility.await;

import io.github.homelabha.core.testkit.PortAllocator;
import io.github.homelabha.core.testkit.system.Binaries;
import io.github.homelabha.core.testkit.system.ManagedProcess;
import io.github.homelabha.core.testkit.system.NetworkLab;
import io.github.homelabha.core.testkit.system.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A two-node keepalived cluster in network namespaces, as a home lab runs it: on each node an HTTP
 * service (tracked by keepalived through a script), a TCP port, dnsmasq answering {@code
 * drill.test}, and our keepalived exporter (in the services' JVM); the VIP 192.0.2.100 moves to
 * whoever is MASTER. A third host, {@code client}, runs a Pushgateway and the drill.
 *
 * <p>n1 has priority 150 and n2 100; a failing track script takes 60 from n1, so stopping n1's HTTP
 * service moves the VIP to n2 and starting it again moves it back (preemption).
 */
final class DrillLab implements AutoCloseable {
  static final String VIP = "192.0.2.100";
  static final String DNS_NAME = "drill.test";
  static final String DNS_ANSWER = "192.0.2.53";
  static final String INSTANCE = "VI_WEB";

  final NetworkLab lab;
  final Path dir;
  final int httpPort = PortAllocator.freeLoopbackPort();
  final int tcpPort = PortAllocator.freeLoopbackPort();
  final int exporterPort = PortAllocator.freeLoopbackPort();
  final int pushgatewayPort = PortAllocator.freeLoopbackPort();
  final List<Node> nodes = new ArrayList<>();

  /** One node's directory and processes. */
  final class Node {
    final String name;
    final Path dir;
    final Path stopFile;
    ManagedProcess keepalived;

    Node(String name) throws IOException {
      this.name = name;
      this.dir = Files.createDirectories(DrillLab.this.dir.resolve(name));
      this.stopFile = dir.resolve("http.stopped");
    }

    String exporterUrl() {
      return "http://" + lab.address(name) + ":" + exporterPort + "/metrics";
    }

    boolean holdsVip() {
      ProcessResult r = lab.exec(name, "ip", "-o", "addr", "show", "dev", "eth0");
      return r.stdout().contains(" " + VIP + "/");
    }
  }

  private DrillLab(Path dir) {
    this.dir = dir;
    this.lab = NetworkLab.create("drill");
  }

  static DrillLab start(Path dir) throws IOException {
    DrillLab l = new DrillLab(dir);
    try {
      l.lab.addHost("n1", "192.0.2.11/24");
      l.lab.addHost("n2", "192.0.2.12/24");
      l.lab.addHost("client", "192.0.2.20/24");
      l.nodes.add(l.new Node("n1"));
      l.nodes.add(l.new Node("n2"));
      l.configureKeepalived(l.node("n1"), 150, "n2");
      l.configureKeepalived(l.node("n2"), 100, "n1");
      for (Node node : l.nodes) {
        l.startServicesAndExporter(node);
        l.startKeepalived(node);
      }
      l.lab.start(
          "client",
          dir.resolve("pushgateway.log"),
          Binaries.require("prometheus-pushgateway").toString(),
          "--web.listen-address=127.0.0.1:" + l.pushgatewayPort,
          // in memory only: Debian's build persists to /var/lib/prometheus by default
          "--persistence.file=");
      return l;
    } catch (IOException | RuntimeException e) {
      l.close();
      throw e;
    }
  }

  Node node(String name) {
    return nodes.stream().filter(n -> n.name.equals(name)).findFirst().orElseThrow();
  }

  private void startServicesAndExporter(Node node) {
    lab.start(
        node.name,
        node.dir.resolve("services.log"),
        java(
            NodeServices.class.getName(),
            node.name,
            Integer.toString(httpPort),
            Integer.toString(tcpPort),
            node.stopFile.toString(),
            "--web.listen-address=" + lab.address(node.name) + ":" + exporterPort,
            "--web.disable-exporter-metrics",
            "--keepalived.pid-file=" + node.dir.resolve("keepalived.pid"),
            "--keepalived.dump-dir=" + node.dir.resolve("tmp")));
    lab.start(
        node.name,
        node.dir.resolve("dnsmasq.log"),
        Binaries.require("dnsmasq").toString(),
        "--keep-in-foreground",
        "--conf-file=/dev/null",
        "--no-resolv",
        "--no-hosts",
        "--pid-file=",
        "--user=root",
        "--port=53",
        "--address=/" + DNS_NAME + "/" + DNS_ANSWER);
  }

  private void configureKeepalived(Node node, int priority, String peer) throws IOException {
    String conf =
        "global_defs {\n  router_id "
            + node.name
            + "\n}\n"
            + "vrrp_script chk_http {\n  script \""
            + Binaries.require("curl")
            + " -sf -m 1 -o /dev/null http://127.0.0.1:"
            + httpPort
            + "/\"\n  interval 1\n  fall 1\n  rise 1\n  weight -60\n}\n"
            + "vrrp_instance "
            + INSTANCE
            + " {\n  state BACKUP\n  interface eth0\n  virtual_router_id 61\n  priority "
            + priority
            + "\n  advert_int 1\n  unicast_src_ip "
            + lab.address(node.name)
            + "\n  unicast_peer {\n    "
            + lab.address(peer)
            + "\n  }\n  virtual_ipaddress {\n    "
            + VIP
            + "/24 dev eth0\n  }\n  track_script {\n    chk_http\n  }\n}\n";
    Files.writeString(node.dir.resolve("keepalived.conf"), conf);
    Files.createDirectories(node.dir.resolve("tmp"));
  }

  private void startKeepalived(Node node) {
    node.keepalived =
        lab.start(
            node.name,
            node.dir.resolve("keepalived.log"),
            "env",
            "TMPDIR=" + node.dir.resolve("tmp"),
            Binaries.require("keepalived").toString(),
            "-n",
            "-l",
            "-D",
            "-f",
            node.dir.resolve("keepalived.conf").toString(),
            "-p",
            node.dir.resolve("keepalived.pid").toString(),
            "-r",
            node.dir.resolve("vrrp.pid").toString(),
            "-c",
            node.dir.resolve("checkers.pid").toString());
  }

  /** Waits until n1 is MASTER with the VIP and everything answers from the client. */
  void awaitReady() {
    await("n1 MASTER with the VIP, services and exporters answering")
        .atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                node("n1").holdsVip()
                    && !node("n2").holdsVip()
                    && curl("http://" + VIP + ":" + httpPort + "/").contains("drill-ok from n1")
                    && curl(node("n1").exporterUrl()).contains("keepalived_vrrp_instance_state")
                    && curl(node("n2").exporterUrl()).contains("keepalived_vrrp_instance_state")
                    && curl("http://127.0.0.1:" + pushgatewayPort + "/-/ready").contains("OK"));
  }

  /** GET from the client host; the body, or "" on any failure. */
  String curl(String url) {
    ProcessResult r = lab.exec(Duration.ofSeconds(10), "client", "curl", "-sf", "-m", "3", url);
    return r.succeeded() ? r.stdout() : "";
  }

  /** Runs the drill on the client host and waits for it. */
  ProcessResult drill(String... args) {
    List<String> command =
        new ArrayList<>(List.of(java(io.github.homelabha.drill.FailoverDrill.class.getName())));
    command.addAll(List.of(args));
    return lab.exec(Duration.ofSeconds(120), "client", command.toArray(String[]::new));
  }

  /** Starts the independent probe loop on the client host. */
  ManagedProcess independentProbe(Path log, int intervalMillis) {
    return lab.start(
        "client",
        log,
        java(
            IndependentHttpProbe.class.getName(),
            VIP,
            Integer.toString(httpPort),
            Integer.toString(intervalMillis),
            "90"));
  }

  /** A JVM on this test's class path running {@code mainClass}, sized for a small machine. */
  static String[] java(String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(
        List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx64m",
            "-cp",
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            mainClass));
    command.addAll(List.of(args));
    return command.toArray(String[]::new);
  }

  @Override
  public void close() {
    lab.close();
  }
}
