package io.github.homelabha.keepalived.bench;

import io.github.homelabha.core.testkit.PortAllocator;
import io.github.homelabha.core.testkit.system.Commands;
import io.github.homelabha.core.testkit.system.ManagedProcess;
import io.github.homelabha.core.testkit.system.NetworkLab;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The exporter's real main in its own JVM inside a lab host's network namespace, beside keepalived,
 * reached from this JVM through a veth pair (203.0.113.1 here, 203.0.113.2 in the namespace).
 */
final class NamespacedExporter implements AutoCloseable {
  private final ManagedProcess process;
  private final String baseUrl;
  private final HttpClient http = HttpClient.newHttpClient();

  private NamespacedExporter(ManagedProcess process, String baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  /** Connects this namespace with the host's: 203.0.113.1 here, 203.0.113.2 there. */
  static void link(NetworkLab lab, String host) {
    String ns = lab.namespace(host);
    // the outer end lives in this namespace until the lab deletes the host's namespace, which
    // removes the pair
    String outer = "kb" + lab.id().substring(lab.id().indexOf('-') + 1);
    Commands.run(
        Commands.DEFAULT_TIMEOUT,
        List.of("ip", "link", "add", outer, "type", "veth", "peer", "name", "bench0", "netns", ns));
    Commands.run(
        Commands.DEFAULT_TIMEOUT, List.of("ip", "addr", "add", "203.0.113.1/30", "dev", outer));
    Commands.run(Commands.DEFAULT_TIMEOUT, List.of("ip", "link", "set", outer, "up"));
    lab.exec(host, "ip", "addr", "add", "203.0.113.2/30", "dev", "bench0");
    lab.exec(host, "ip", "link", "set", "bench0", "up");
  }

  /**
   * Starts the exporter found on {@code classPath} in {@code host}'s namespace, listening on the
   * address {@link #link} gave it.
   */
  static NamespacedExporter start(
      NetworkLab lab, String host, Path log, String classPath, String... args) {
    int port = PortAllocator.freeLoopbackPort();
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                classPath,
                "io.github.homelabha.keepalived.KeepalivedExporterMain",
                "--web.listen-address=203.0.113.2:" + port));
    cmd.addAll(List.of(args));
    ManagedProcess p = lab.start(host, log, cmd.toArray(String[]::new));
    return new NamespacedExporter(p, "http://203.0.113.2:" + port);
  }

  /** {@code /metrics} as text; null while the exporter is not listening yet. */
  String scrape() throws InterruptedException {
    try {
      return scrapeText();
    } catch (IOException e) {
      return null;
    }
  }

  String scrapeText() throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/metrics"))
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("HTTP " + r.statusCode());
    }
    return r.body();
  }

  @Override
  public void close() {
    process.close();
  }
}
