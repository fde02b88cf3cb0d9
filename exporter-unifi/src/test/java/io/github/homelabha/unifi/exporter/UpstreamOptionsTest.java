package io.github.homelabha.unifi.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.RunningExporter;
import io.github.homelabha.core.testkit.upstream.TestCertificates;
import io.github.homelabha.core.testkit.upstream.TestCertificates.Issued;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every key of the core's upstream configuration reaches the UniFi client: {@code tls_config}'s
 * {@code ca_file}, {@code server_name}, {@code cert_file}/{@code key_file} and {@code proxy_url},
 * from the config file and from the single-controller flags. The console is a real HTTPS server
 * (its certificate, from a home CA, names {@code unifi.home.arpa}; the URL says 127.0.0.1) that
 * counts the requests it gets.
 */
class UpstreamOptionsTest {
  private static final String TOKEN = "options-session";
  private static final String NAME = "unifi.home.arpa";
  private static final String PROXY_PASSWORD = "pr0xy-pa55";

  @TempDir Path dir;
  private final MockWebServer console = new MockWebServer();
  private final MockWebServer proxy = new MockWebServer();
  private Issued ca;
  private Issued clientCert;
  private Path passwordFile;

  @BeforeEach
  void setUp() throws Exception {
    ca = TestCertificates.ca("home-ca");
    clientCert = TestCertificates.selfSigned("exporter");
    passwordFile = Files.writeString(dir.resolve("password"), "pa55word\n");
    console.setDispatcher(consoleDispatcher(false));
  }

  @AfterEach
  void tearDown() {
    console.close();
    proxy.close();
  }

  /** A UniFi OS console: {@code GET /} answers 200 (how the client tells it from a classic one). */
  private static Dispatcher consoleDispatcher(boolean behindProxyWithPassword) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (behindProxyWithPassword && request.getHeaders().get("Proxy-Authorization") == null) {
          return new MockResponse.Builder()
              .code(407)
              .addHeader("Proxy-Authenticate", "Basic realm=\"lan\"")
              .build();
        }
        if (request.getUrl().encodedPath().equals("/")) {
          return new MockResponse.Builder().body("<html>UniFi OS</html>").build();
        }
        return ConsoleAnswers.answer(request, TOKEN);
      }
    };
  }

  private void serveHttps(boolean requireClientCertificate) throws Exception {
    console.useHttps(TestCertificates.server(ca, NAME).serverSocketFactory(clientCert));
    if (requireClientCertificate) {
      console.requireClientAuth();
    }
    console.start(InetAddress.getLoopbackAddress(), 0);
  }

  private RunningExporter withFlags(String... tls) throws Exception {
    List<String> args = new ArrayList<>();
    args.add("--unifi.url=https://127.0.0.1:" + console.getPort());
    args.add("--unifi.username=prometheus");
    args.add("--unifi.password-file=" + passwordFile);
    args.addAll(List.of(tls));
    return RunningExporter.start(new UnifiExporter(), args.toArray(String[]::new));
  }

  private String caFile() throws Exception {
    return ca.writePem(dir, "ca.pem").toString();
  }

  @Test
  void clientCertificateAndServerNameFromTheConfigFile() throws Exception {
    serveHttps(true);
    Path config =
        Files.writeString(
            dir.resolve("unifi.yml"),
            String.join(
                "\n",
                "controllers:",
                "  - name: console",
                "    url: https://127.0.0.1:" + console.getPort(),
                "    platform: unifi_os",
                "    events: false",
                "    username: prometheus",
                "    password_file: " + passwordFile,
                "    tls_config:",
                "      ca_file: " + caFile(),
                "      server_name: " + NAME,
                "      cert_file: " + clientCert.writePem(dir, "client.pem"),
                "      key_file: " + clientCert.writeKeyPem(dir, "client.key"),
                ""));
    try (RunningExporter exporter =
        RunningExporter.start(new UnifiExporter(), "--config.file=" + config)) {
      assertThat(exporter.scrape("/probe?target=console").valueOf("unifi_up")).isEqualTo(1);
    }
    RecordedRequest first = console.takeRequest();
    assertThat(first.getHandshake().peerCertificates()).containsExactly(clientCert.certificate());
    assertThat(first.getHandshakeServerNames()).containsExactly(NAME);
  }

  @Test
  void clientCertificateAndServerNameFromFlags() throws Exception {
    serveHttps(true);
    try (RunningExporter exporter =
        withFlags(
            "--unifi.tls.ca-file=" + caFile(),
            "--unifi.tls.server-name=" + NAME,
            "--unifi.tls.cert-file=" + clientCert.writePem(dir, "client.pem"),
            "--unifi.tls.key-file=" + clientCert.writeKeyPem(dir, "client.key"))) {
      assertThat(exporter.scrape().valueOf("unifi_up", "target", "127.0.0.1")).isEqualTo(1);
    }
    assertThat(console.takeRequest().getHandshake().peerCertificates()).isNotEmpty();
  }

  @Test
  void withoutTheClientCertificateTheConsoleGetsNoRequest() throws Exception {
    serveHttps(true);
    try (RunningExporter exporter =
        withFlags("--unifi.tls.ca-file=" + caFile(), "--unifi.tls.server-name=" + NAME)) {
      ParsedMetrics m = exporter.scrape();
      assertThat(m.valueOf("unifi_up", "target", "127.0.0.1")).isZero();
      assertThat(exporter.logs()).doesNotContain("pa55word");
    }
    assertThat(console.getRequestCount()).isZero();
  }

  @Test
  void aWrongServerNameIsATlsErrorBeforeAnyRequest() throws Exception {
    serveHttps(false);
    try (RunningExporter exporter =
        withFlags("--unifi.tls.ca-file=" + caFile(), "--unifi.tls.server-name=nas.home.arpa")) {
      ParsedMetrics m = exporter.scrape();
      assertThat(m.valueOf("unifi_up", "target", "127.0.0.1")).isZero();
      assertThat(m.valueOf("unifi_scrape_errors_total", "target", "127.0.0.1", "reason", "tls"))
          .isEqualTo(1);
    }
    assertThat(console.getRequestCount()).isZero();
  }

  @Test
  void aKeyFileOtherUsersCanReadStopsTheStart() throws Exception {
    Path key = clientCert.writeKeyPem(dir, "client.key");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(
            () ->
                RunningExporter.start(
                    new UnifiExporter(),
                    "--unifi.url=https://127.0.0.1:1",
                    "--unifi.username=prometheus",
                    "--unifi.password-file=" + passwordFile,
                    "--unifi.tls.cert-file=" + clientCert.writePem(dir, "client.pem"),
                    "--unifi.tls.key-file=" + key))
        .hasMessageContaining("is readable or writable by every user");
  }

  @Test
  void proxyUrlWithAPasswordFromTheConfigFile() throws Exception {
    proxy.setDispatcher(consoleDispatcher(true));
    proxy.start(InetAddress.getLoopbackAddress(), 0);
    Path config =
        Files.writeString(
            dir.resolve("unifi.yml"),
            String.join(
                "\n",
                "controllers:",
                "  - name: console",
                // Only the proxy knows this name: the controller is reached through it.
                "    url: http://unifi.invalid:8080",
                "    platform: unifi_os",
                "    events: false",
                "    username: prometheus",
                "    password_file: " + passwordFile,
                "    proxy_url: http://bob:" + PROXY_PASSWORD + "@127.0.0.1:" + proxy.getPort(),
                ""));
    try (RunningExporter exporter =
        RunningExporter.start(new UnifiExporter(), "--config.file=" + config)) {
      assertThat(exporter.scrape("/probe?target=console").valueOf("unifi_up")).isEqualTo(1);
      assertThat(exporter.scrapeText()).doesNotContain(PROXY_PASSWORD);
      assertThat(exporter.get("/").body()).doesNotContain(PROXY_PASSWORD);
      assertThat(exporter.logs()).doesNotContain(PROXY_PASSWORD);
    }
    assertThat(proxy.takeRequest().getRequestLine()).contains("http://unifi.invalid:8080/");
  }

  @Test
  void proxyUrlFromTheFlag() throws Exception {
    proxy.setDispatcher(consoleDispatcher(false));
    proxy.start(InetAddress.getLoopbackAddress(), 0);
    try (RunningExporter exporter =
        RunningExporter.start(
            new UnifiExporter(),
            "--unifi.url=http://unifi.invalid:8080",
            "--unifi.username=prometheus",
            "--unifi.password-file=" + passwordFile,
            "--unifi.proxy-url=http://127.0.0.1:" + proxy.getPort())) {
      assertThat(exporter.scrape().valueOf("unifi_up", "target", "unifi.invalid")).isEqualTo(1);
    }
    assertThat(proxy.getRequestCount()).isPositive();
  }
}
