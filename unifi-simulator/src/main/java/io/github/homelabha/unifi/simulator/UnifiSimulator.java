package io.github.homelabha.unifi.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A UniFi Network controller that runs in tests, benchmarks and the demo: a classic controller or a
 * UniFi OS console over HTTPS with its own self-signed certificate. Start it in-process with {@link
 * #start(SimulatorSettings)} or as a process with {@code java -jar unifi-simulator.jar --help}.
 */
public final class UnifiSimulator implements AutoCloseable {
  private final SimulatorSettings settings;
  private final SelfSignedCertificate certificate;
  private final SimulatorServer server;

  private UnifiSimulator(SimulatorSettings settings) throws IOException {
    this.settings = settings;
    this.certificate = SelfSignedCertificate.generate(List.of("unifi.local", "unifi"));
    this.server = new SimulatorServer(settings, certificate);
    server.start();
  }

  /** Starts a simulator; {@code settings.port = 0} picks a free port. */
  public static UnifiSimulator start(SimulatorSettings settings) throws IOException {
    return new UnifiSimulator(settings);
  }

  /** {@code https://127.0.0.1:PORT}. */
  public String baseUrl() {
    String host =
        settings.bindAddress.contains(":")
            ? "[" + settings.bindAddress + "]"
            : settings.bindAddress;
    return "https://" + host + ":" + server.port();
  }

  public int port() {
    return server.port();
  }

  public SimulatorSettings settings() {
    return settings;
  }

  /** SHA-256 of the certificate, {@code AA:BB:...}. */
  public String fingerprint() {
    return certificate.sha256Fingerprint();
  }

  public String certificatePem() {
    return certificate.pem();
  }

  public SimulatorStats stats() {
    return server.stats;
  }

  /** Forgets every session, as a controller restart or an expired cookie does. */
  public void expireSessions() {
    server.expireSessions();
  }

  /** Sets a device's {@code state} (0 disconnected, 1 connected, ...) by MAC or name. */
  public void setDeviceState(String site, String macOrName, int state) {
    device(site, macOrName).state = state;
  }

  /** Takes a switch port down or renegotiates its speed (Mbit/s). */
  public void setPort(String site, String macOrName, int port, boolean up, int speedMbps) {
    SimulatedSite.SimDevice d = device(site, macOrName);
    d.portUp[port - 1] = up;
    d.portSpeeds[port - 1] = speedMbps;
  }

  /** {@code ok} or {@code error}: the WAN and internet subsystems' status. */
  public void setWanStatus(String site, String status) {
    server.site(site).wanStatus = status;
  }

  /** MACs of the site's devices, gateway first, then switches, then access points. */
  public List<String> deviceMacs(String site) {
    return server.site(site).devices.stream().map(d -> d.mac).toList();
  }

  private SimulatedSite.SimDevice device(String site, String macOrName) {
    SimulatedSite s = server.site(site);
    SimulatedSite.SimDevice d = s == null ? null : s.device(macOrName);
    if (d == null) {
      throw new IllegalArgumentException("no device " + macOrName + " in site " + site);
    }
    return d;
  }

  @Override
  public void close() {
    server.stop();
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Cli()).execute(args));
  }

  @Command(
      name = "unifi-simulator",
      mixinStandardHelpOptions = true,
      description = {
        "Serves a simulated UniFi Network controller over HTTPS with a self-signed certificate.",
        "Controls (no authentication, for tests): GET /sim/stats, POST /sim/expire-sessions,",
        "  POST /sim/device?site=S&mac=M&state=0, POST /sim/port?site=S&mac=M&port=N&up=false&speed=100,",
        "  POST /sim/wan?site=S&status=error"
      })
  static final class Cli implements Callable<Integer> {
    @Option(names = "--mode", description = "classic or unifi-os (default: ${DEFAULT-VALUE}).")
    String mode = "unifi-os";

    @Option(
        names = "--listen-address",
        description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String address = "127.0.0.1";

    @Option(names = "--port", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 0;

    @Option(names = "--username", description = "Accepted user (default: ${DEFAULT-VALUE}).")
    String username = "admin";

    @Option(names = "--password-file", description = "File holding the accepted password.")
    Path passwordFile;

    @Option(names = "--api-key-file", description = "File holding an accepted X-API-KEY.")
    Path apiKeyFile;

    @Option(names = "--sites", description = "Number of sites (default: ${DEFAULT-VALUE}).")
    int sites = 1;

    @Option(names = "--devices", description = "Devices per site (default: ${DEFAULT-VALUE}).")
    int devices = 12;

    @Option(names = "--clients", description = "Clients per site (default: ${DEFAULT-VALUE}).")
    int clients = 60;

    @Option(
        names = "--latency",
        description = "Delay per answer in ms (default: ${DEFAULT-VALUE}).")
    long latencyMillis = 0;

    @Option(
        names = "--session-ttl",
        description = "Session lifetime in s (default: ${DEFAULT-VALUE}).")
    long sessionTtlSeconds = 7200;

    @Option(
        names = "--logins-per-minute",
        description = "Logins allowed per minute before 429 (default: ${DEFAULT-VALUE}).")
    int loginsPerMinute = 5;

    @Option(
        names = "--retry-after",
        description = "Retry-After seconds on 429, 0 for none" + " (default: ${DEFAULT-VALUE}).")
    int retryAfter = 60;

    @Option(
        names = "--garbage-ratio",
        description = "Share of data answers sent truncated, 0..1 (default: ${DEFAULT-VALUE}).")
    double garbageRatio = 0;

    @Option(
        names = "--padding-bytes",
        description = "Filler bytes added to each data answer (default: ${DEFAULT-VALUE}).")
    int paddingBytes = 0;

    @Option(
        names = "--frozen-time",
        description = "Counters and uptimes stand still, for reproducible recordings.")
    boolean frozenTime;

    @Option(
        names = "--fingerprint-file",
        description = "Write the certificate's SHA-256 fingerprint (AA:BB:...) to this file.")
    Path fingerprintFile;

    @Option(names = "--certificate-file", description = "Write the certificate (PEM) to this file.")
    Path certificateFile;

    @Option(names = "--port-file", description = "Write the port listened on to this file.")
    Path portFile;

    @Override
    public Integer call() throws Exception {
      SimulatorSettings s = new SimulatorSettings();
      s.mode =
          switch (mode) {
            case "classic" -> SimulatorSettings.Mode.CLASSIC;
            case "unifi-os" -> SimulatorSettings.Mode.UNIFI_OS;
            default ->
                throw new CommandLine.ParameterException(
                    new CommandLine(this), "--mode must be classic or unifi-os, not " + mode);
          };
      s.bindAddress = address;
      s.port = port;
      s.username = username;
      if (passwordFile != null) {
        s.password = firstLine(passwordFile);
      }
      if (apiKeyFile != null) {
        s.apiKey = firstLine(apiKeyFile);
      }
      s.sites = sites;
      s.devices = devices;
      s.clients = clients;
      s.latency = Duration.ofMillis(latencyMillis);
      s.sessionTtl = Duration.ofSeconds(sessionTtlSeconds);
      s.loginsPerMinute = loginsPerMinute;
      s.retryAfterSeconds = retryAfter;
      s.garbageRatio = garbageRatio;
      s.paddingBytes = paddingBytes;
      s.frozenTime = frozenTime;
      UnifiSimulator sim = start(s);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    sim.close();
                    stopped.countDown();
                  }));
      writeAtomically(fingerprintFile, sim.fingerprint() + "\n");
      writeAtomically(certificateFile, sim.certificatePem());
      writeAtomically(portFile, sim.port() + "\n");
      System.out.println(
          "unifi-simulator mode="
              + mode
              + " url="
              + sim.baseUrl()
              + " sites="
              + sites
              + " devices="
              + devices
              + " clients="
              + clients);
      System.out.println("certificate sha256=" + sim.fingerprint());
      System.out.flush();
      stopped.await();
      return 0;
    }

    private static String firstLine(Path file) throws IOException {
      String s = Files.readString(file, StandardCharsets.UTF_8);
      return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    /** Written whole or not at all, so a reader polling for the file never sees half of it. */
    private static void writeAtomically(Path file, String text) throws IOException {
      if (file == null) {
        return;
      }
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
