package io.github.homelabha.launcher.demo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A small LAN of network namespaces for the demo's keepalived cluster: a "switch" namespace with a
 * bridge and one namespace per node cabled to it. Nothing touches the machine's own network, and
 * only namespaces created here are deleted. Names carry this process's id, so two demos never
 * collide.
 */
final class DemoNetwork implements AutoCloseable {
  private final String ip;
  private final String prefix;
  private final List<String> created = new ArrayList<>();

  DemoNetwork(String ip) {
    this.ip = ip;
    this.prefix = "hademo" + ProcessHandle.current().pid();
  }

  void createSwitch() throws IOException {
    String sw = add("sw");
    SystemTools.run(ip, "-n", sw, "link", "set", "lo", "up");
    // No multicast snooping: VRRP adverts must reach every port, as on a dumb switch.
    SystemTools.run(ip, "-n", sw, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
    SystemTools.run(ip, "-n", sw, "link", "set", "br0", "up");
  }

  /** Adds a node with {@code eth0} at {@code cidr}; returns its namespace name. */
  String addNode(String node, String cidr, int port) throws IOException {
    String ns = add(node);
    String sw = prefix + "-sw";
    String switchPort = "p" + port;
    SystemTools.run(ip, "-n", ns, "link", "set", "lo", "up");
    SystemTools.run(
        ip,
        "-n",
        sw,
        "link",
        "add",
        switchPort,
        "type",
        "veth",
        "peer",
        "name",
        "eth0",
        "netns",
        ns);
    SystemTools.run(ip, "-n", sw, "link", "set", switchPort, "master", "br0");
    SystemTools.run(ip, "-n", sw, "link", "set", switchPort, "up");
    SystemTools.run(ip, "-n", ns, "addr", "add", cidr, "dev", "eth0");
    SystemTools.run(ip, "-n", ns, "link", "set", "eth0", "up");
    return ns;
  }

  /** {@code ip netns exec NS} followed by {@code command}. */
  List<String> inNamespace(String ns, List<String> command) {
    List<String> full = new ArrayList<>(List.of(ip, "netns", "exec", ns));
    full.addAll(command);
    return full;
  }

  private String add(String name) throws IOException {
    String ns = prefix + "-" + name;
    SystemTools.run(ip, "netns", "add", ns);
    created.add(ns);
    return ns;
  }

  /** Deletes the namespaces, nodes first (which removes their cables), the switch last. */
  @Override
  public void close() {
    List<String> reversed = new ArrayList<>(created);
    Collections.reverse(reversed);
    for (String ns : reversed) {
      try {
        SystemTools.run(ip, "netns", "del", ns);
      } catch (IOException e) {
        System.err.println(
            "demo: could not delete network namespace " + ns + ": " + e.getMessage());
      }
    }
    created.clear();
  }
}
