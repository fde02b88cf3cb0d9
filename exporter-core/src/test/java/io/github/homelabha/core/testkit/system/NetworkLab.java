package io.github.homelabha.core.testkit.system;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A throw-away LAN built from Linux network namespaces: one "switch" namespace holding a bridge,
 * and one namespace per host whose {@code eth0} is cabled to that bridge, so every host reaches
 * every other. Nothing touches the machine's own network (except an {@link #addUplink uplink} a
 * test asks for): interfaces are created directly inside the lab's namespaces, and only namespaces
 * this lab created are ever deleted.
 *
 * <pre>{@code
 * try (NetworkLab lab = NetworkLab.create("kad")) {
 *   lab.addHost("n1", "192.0.2.11/24");
 *   lab.addHost("n2", "192.0.2.12/24");
 *   lab.start("n1", logDir.resolve("n1.log"), "keepalived", "-n", "-l", "-f", conf.toString());
 *   lab.setLinkUp("n1", false); // pull n1's cable
 * }
 * }</pre>
 *
 * <p>Use addresses from 192.0.2.0/24, 198.51.100.0/24 or 203.0.113.0/24 (documentation ranges).
 * Requires root and {@code ip} (annotate tests with {@link RequiresRoot} and {@link
 * RequiresBinaries}). Daemons must stay in the foreground (e.g. {@code keepalived -n}) so that
 * {@link #close()} can stop them.
 */
public final class NetworkLab implements AutoCloseable {
  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{0,7}");
  private static final Pattern HOST = Pattern.compile("[a-z][a-z0-9-]{0,15}");
  private static final Pattern IPV4_CIDR =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/([0-9]|[12][0-9]|3[0-2])");
  private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String BRIDGE = "br0";

  /** Labs not yet closed, closed by a shutdown hook if a test run is aborted. */
  private static final Set<NetworkLab> OPEN_LABS =
      Collections.synchronizedSet(new LinkedHashSet<>());

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (NetworkLab lab : List.copyOf(OPEN_LABS)) {
                    try {
                      lab.close();
                    } catch (RuntimeException e) {
                      System.err.println("NetworkLab " + lab.id + ": cleanup failed: " + e);
                    }
                  }
                },
                "network-lab-cleanup"));
  }

  private final String id;
  private final String switchNamespace;

  /** Every namespace this lab created, in creation order; the only ones close() deletes. */
  private final List<String> createdNamespaces = new ArrayList<>();

  private final Map<String, Host> hosts = new LinkedHashMap<>();
  private final List<ManagedProcess> processes = new ArrayList<>();
  private boolean closed;

  private record Host(String namespace, String switchPort, String address) {}

  private NetworkLab(String id) {
    this.id = id;
    this.switchNamespace = id + "-sw";
  }

  /**
   * Creates the lab's switch. Names are {@code <prefix>-<random>-<host>} so parallel builds and
   * leftovers of killed runs never collide; {@code prefix} is 1-8 lowercase letters/digits, e.g.
   * the module's short name.
   */
  public static NetworkLab create(String prefix) {
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("lab prefix must match " + PREFIX + ": " + prefix);
    }
    NetworkLab lab = new NetworkLab(prefix + "-" + randomSuffix());
    OPEN_LABS.add(lab);
    try {
      lab.addNamespace(lab.switchNamespace);
      lab.ip(lab.switchNamespace, "link", "set", "lo", "up");
      // No multicast snooping: VRRP adverts (224.0.0.18) must reach every port like on a dumb
      // switch.
      lab.ip(lab.switchNamespace, "link", "add", BRIDGE, "type", "bridge", "mcast_snooping", "0");
      lab.ip(lab.switchNamespace, "link", "set", BRIDGE, "up");
      return lab;
    } catch (RuntimeException e) {
      lab.closeAfterFailure(e);
      throw e;
    }
  }

  /** The lab's unique name part, e.g. {@code kad-x7k2p9}. */
  public String id() {
    return id;
  }

  /**
   * Adds a host: a namespace whose {@code eth0} (address {@code cidrAddress}, e.g. {@code
   * 192.0.2.11/24}) is plugged into the switch, with {@code lo} and {@code eth0} up.
   *
   * @return the host's namespace name, for {@code ip netns exec} or a daemon's config
   */
  public synchronized String addHost(String host, String cidrAddress) {
    checkOpen();
    if (!HOST.matcher(host).matches()) {
      throw new IllegalArgumentException("host name must match " + HOST + ": " + host);
    }
    if (!IPV4_CIDR.matcher(cidrAddress).matches()) {
      throw new IllegalArgumentException("not an IPv4 address with prefix length: " + cidrAddress);
    }
    if (hosts.containsKey(host)) {
      throw new IllegalArgumentException("host " + host + " already exists in lab " + id);
    }
    String namespace = id + "-" + host;
    // Switch-side port names only need to be unique inside the switch namespace (limit 15 chars).
    String port = "p" + (hosts.size() + 1);
    addNamespace(namespace);
    hosts.put(host, new Host(namespace, port, cidrAddress.substring(0, cidrAddress.indexOf('/'))));
    ip(namespace, "link", "set", "lo", "up");
    // Created inside the switch namespace with its peer placed straight into the host's: the
    // machine's own namespace never sees these interfaces, so names cannot clash.
    ip(
        switchNamespace,
        "link",
        "add",
        port,
        "type",
        "veth",
        "peer",
        "name",
        "eth0",
        "netns",
        namespace);
    ip(switchNamespace, "link", "set", port, "master", BRIDGE);
    ip(switchNamespace, "link", "set", port, "up");
    ip(namespace, "addr", "add", cidrAddress, "dev", "eth0");
    ip(namespace, "link", "set", "eth0", "up");
    return namespace;
  }

  public synchronized String namespace(String host) {
    return host(host).namespace();
  }

  /** The host's address without prefix length, e.g. {@code 192.0.2.11}. */
  public synchronized String address(String host) {
    return host(host).address();
  }

  public synchronized List<String> hosts() {
    return List.copyOf(hosts.keySet());
  }

  /** Runs a command inside the host's namespace and waits for it (at most one minute). */
  public ProcessResult exec(String host, String... command) {
    return Commands.run(Commands.DEFAULT_TIMEOUT, inNamespace(host, command));
  }

  /** Runs a command inside the host's namespace with its own deadline. */
  public ProcessResult exec(Duration timeout, String host, String... command) {
    return Commands.run(timeout, inNamespace(host, command));
  }

  /**
   * Starts a long-running command inside the host's namespace, logging to {@code logFile}. The lab
   * stops it on {@link #close()}. The program is looked up on the JVM's PATH; pass {@code
   * Binaries.require("keepalived").toString()} when it lives in an sbin directory PATH may lack.
   */
  public synchronized ManagedProcess start(String host, Path logFile, String... command) {
    checkOpen();
    ManagedProcess process = ManagedProcess.start(inNamespace(host, command), logFile);
    processes.add(process);
    return process;
  }

  /**
   * Plugs ({@code true}) or pulls ({@code false}) the host's cable: the switch-side port goes down,
   * so the host's {@code eth0} loses carrier, as with a real unplugged cable or dead switch port.
   */
  public synchronized void setLinkUp(String host, boolean up) {
    ip(switchNamespace, "link", "set", host(host).switchPort(), up ? "up" : "down");
  }

  /**
   * Takes the host off the switch ({@code false}) or puts it back ({@code true}) while its cable
   * stays in: its {@code eth0} keeps carrier, as behind a wrong VLAN or a firewall between the
   * nodes. keepalived then sees a working interface, hears no adverts and elects itself.
   */
  public synchronized void setSwitched(String host, boolean switched) {
    String port = host(host).switchPort();
    if (switched) {
      ip(switchNamespace, "link", "set", port, "master", BRIDGE);
    } else {
      ip(switchNamespace, "link", "set", port, "nomaster");
    }
  }

  /**
   * Gives the host a second interface, {@code uplink0}, cabled to the machine's own namespace, so
   * that a program outside the lab (a Prometheus on the machine) reaches a daemon inside it, e.g. a
   * blackbox exporter probing the lab's addresses. Both ends get addresses from a random IPv6
   * unique-local /64 (nothing else on the machine uses it; the lab's own addresses are not routed
   * through it). This is the only interface a lab puts into the machine's namespace; it disappears
   * with the host's namespace when the lab closes.
   *
   * @return the host's address on the uplink, e.g. {@code fd3a:1b2c:9d0e::2}, to listen on
   */
  public synchronized String addUplink(String host) {
    checkOpen();
    String namespace = host(host).namespace();
    String machineSide = "u" + id.replace("-", "");
    String prefix =
        String.format(
            "fd%02x:%04x:%04x::",
            RANDOM.nextInt(0x100), RANDOM.nextInt(0x10000), RANDOM.nextInt(0x10000));
    List<String> create =
        List.of(
            ipCommand(),
            "link",
            "add",
            machineSide,
            "type",
            "veth",
            "peer",
            "name",
            "uplink0",
            "netns",
            namespace);
    Commands.run(Commands.DEFAULT_TIMEOUT, create).orThrow(create);
    for (List<String> command :
        List.of(
            List.of(ipCommand(), "addr", "add", prefix + "1/64", "dev", machineSide, "nodad"),
            List.of(ipCommand(), "link", "set", machineSide, "up"))) {
      Commands.run(Commands.DEFAULT_TIMEOUT, command).orThrow(command);
    }
    ip(namespace, "addr", "add", prefix + "2/64", "dev", "uplink0", "nodad");
    ip(namespace, "link", "set", "uplink0", "up");
    return prefix + "2";
  }

  /**
   * Stops every process the lab started (SIGTERM, then SIGKILL after a grace period), then deletes
   * every namespace it created. Safe after a partial setup and when called twice.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<String> failures = new ArrayList<>();
    for (ManagedProcess process : processes) {
      try {
        process.close();
      } catch (RuntimeException e) {
        failures.add(process + ": " + e.getMessage());
      }
    }
    // Hosts first, switch last: deleting a host namespace also removes its veth pair.
    List<String> namespaces = new ArrayList<>(createdNamespaces);
    Collections.reverse(namespaces);
    for (String namespace : namespaces) {
      ProcessResult result =
          Commands.run(Commands.DEFAULT_TIMEOUT, List.of(ipCommand(), "netns", "del", namespace));
      if (!result.succeeded()) {
        failures.add("ip netns del " + namespace + ": " + result.stderr().strip());
      }
    }
    OPEN_LABS.remove(this);
    if (!failures.isEmpty()) {
      throw new IllegalStateException(
          "NetworkLab " + id + " cleanup: " + String.join("; ", failures));
    }
  }

  private void closeAfterFailure(RuntimeException cause) {
    try {
      close();
    } catch (RuntimeException cleanup) {
      cause.addSuppressed(cleanup);
    }
  }

  private void addNamespace(String namespace) {
    List<String> command = List.of(ipCommand(), "netns", "add", namespace);
    Commands.run(Commands.DEFAULT_TIMEOUT, command).orThrow(command);
    createdNamespaces.add(namespace);
  }

  private void ip(String namespace, String... arguments) {
    List<String> command = new ArrayList<>(List.of(ipCommand(), "-n", namespace));
    command.addAll(List.of(arguments));
    Commands.run(Commands.DEFAULT_TIMEOUT, command).orThrow(command);
  }

  private synchronized List<String> inNamespace(String host, String... command) {
    if (command.length == 0) {
      throw new IllegalArgumentException("no command given");
    }
    List<String> full =
        new ArrayList<>(List.of(ipCommand(), "netns", "exec", host(host).namespace()));
    full.addAll(List.of(command));
    return full;
  }

  private Host host(String host) {
    Host found = hosts.get(host);
    if (found == null) {
      throw new IllegalArgumentException(
          "no host " + host + " in lab " + id + "; hosts: " + hosts.keySet());
    }
    return found;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("NetworkLab " + id + " is closed");
    }
  }

  /** ip lives in /usr/sbin, which is not always on PATH. */
  private static String ipCommand() {
    return Binaries.locate("ip").map(Path::toString).orElse("ip");
  }

  private static String randomSuffix() {
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      suffix.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
    }
    return suffix.toString();
  }
}
