package io.github.homelabha.launcher.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated UniFi OS console with its own self-signed certificate; the exporter pins that
 * certificate's fingerprint, which the simulator writes to a file once it listens.
 */
final class UnifiController implements AutoCloseable {
  static final String MAIN_CLASS = "io.github.homelabha.unifi.simulator.UnifiSimulator";
  private static final String USER = "prometheus";

  private final ChildProcess process;
  private final Map<String, Object> section;

  private UnifiController(ChildProcess process, Map<String, Object> section) {
    this.process = process;
    this.section = section;
  }

  static UnifiController start(Path dir) throws IOException, InterruptedException {
    byte[] secret = new byte[12];
    new SecureRandom().nextBytes(secret);
    Path password = JavaChild.secretFile(dir.resolve("password"), HexFormat.of().formatHex(secret));
    Path fingerprintFile = dir.resolve("fingerprint");
    Path portFile = dir.resolve("port");
    ChildProcess process =
        JavaChild.start(
            "unifi controller",
            dir.resolve("controller.log"),
            MAIN_CLASS,
            List.of(
                "--mode=unifi-os",
                "--listen-address=127.0.0.1",
                "--port=0",
                "--username=" + USER,
                "--password-file=" + password,
                "--fingerprint-file=" + fingerprintFile,
                "--port-file=" + portFile));
    try {
      String port = waitForFile(process, portFile);
      String fingerprint = waitForFile(process, fingerprintFile);
      Map<String, Object> controller = new LinkedHashMap<>();
      controller.put("name", "console");
      controller.put("url", "https://127.0.0.1:" + port);
      controller.put("username", USER);
      controller.put("password_file", password.toString());
      controller.put("tls_config", Map.of("pinned_sha256", fingerprint));
      Map<String, Object> section = new LinkedHashMap<>();
      section.put("controllers", List.of(controller));
      return new UnifiController(process, section);
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.close();
      throw e;
    }
  }

  /** The file's trimmed content once the simulator wrote it (it writes atomically). */
  private static String waitForFile(ChildProcess process, Path file)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(JavaChild.START_TIMEOUT);
    while (!Files.exists(file)) {
      if (!process.isAlive()) {
        throw new IOException("the UniFi simulator stopped; see " + process.log());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IOException("the UniFi simulator did not start; see " + process.log());
      }
      Thread.sleep(100);
    }
    return Files.readString(file).trim();
  }

  /** The exporter's configuration section for this controller. */
  Map<String, Object> exporterSection() {
    return section;
  }

  String describe() {
    return "a simulated UniFi OS console (target console), its certificate pinned by fingerprint";
  }

  @Override
  public void close() {
    process.close();
  }
}
