package io.github.homelabha.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Secret;
import io.github.homelabha.core.testkit.upstream.TestCertificates;
import io.github.homelabha.core.testkit.upstream.TestCertificates.Issued;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trust, host names and pins against a real TLS server; no request reaches a server that fails. */
class UpstreamTlsTest {
  @TempDir Path dir;
  private final UpstreamHttp http = UpstreamHttp.standalone("test", Clock.systemUTC());
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
  }

  @AfterEach
  void stop() {
    server.close();
    http.close();
  }

  private void serve(Issued certificate, Issued... clients) throws Exception {
    server.useHttps(certificate.serverSocketFactory(clients));
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    server.enqueue(new MockResponse.Builder().body("{}").build());
  }

  private HttpUpstreamConfig config() {
    HttpUpstreamConfig c = new HttpUpstreamConfig();
    c.url = "https://127.0.0.1:" + server.getPort();
    c.timeout = Duration.ofSeconds(5);
    c.basicAuth = new BasicAuthConfig();
    c.basicAuth.username = "prometheus";
    c.basicAuth.password = Secret.of("never-leaked-1");
    return c;
  }

  private UpstreamResponse get(HttpUpstreamConfig c) throws Exception {
    return http.client("t", c).get(TestContext.of(Duration.ofSeconds(5)), "x");
  }

  @Test
  void trustsTheConfiguredCa() throws Exception {
    Issued ca = TestCertificates.ca("home-ca");
    serve(TestCertificates.server(ca, "127.0.0.1"));
    HttpUpstreamConfig c = config();
    c.tlsConfig.caFile = ca.writePem(dir, "ca.pem").toString();
    assertThat(get(c).status()).isEqualTo(200);
  }

  @Test
  void aCertificateForAnotherHostFailsBeforeAnyRequest() throws Exception {
    Issued ca = TestCertificates.ca("home-ca");
    serve(TestCertificates.server(ca, "nas.lan"));
    HttpUpstreamConfig c = config();
    c.tlsConfig.caFile = ca.writePem(dir, "ca.pem").toString();
    assertThatThrownBy(() -> get(c))
        .hasFieldOrPropertyWithValue("reason", "tls")
        .hasMessageNotContaining("never-leaked");
    assertThat(server.getRequestCount()).isZero();

    c.tlsConfig.serverName = "nas.lan";
    assertThat(get(c).status()).isEqualTo(200);
  }

  @Test
  void anUntrustedCertificateFails() throws Exception {
    serve(TestCertificates.selfSigned("127.0.0.1"));
    assertThatThrownBy(() -> get(config())).hasFieldOrPropertyWithValue("reason", "tls");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aPinnedSelfSignedCertificateIsTrustedWhateverItsHostName() throws Exception {
    Issued controller = TestCertificates.selfSigned("unifi.local");
    serve(controller);
    HttpUpstreamConfig c = config();
    c.tlsConfig.pinnedSha256 = controller.sha256Fingerprint();
    assertThat(get(c).status()).isEqualTo(200);
    server.enqueue(new MockResponse.Builder().body("{}").build());
    c.tlsConfig.pinnedSha256 = controller.sha256Fingerprint().replace(":", "").toLowerCase();
    assertThat(get(c).status()).isEqualTo(200);
  }

  @Test
  void aPinMismatchFailsBeforeAnyRequest() throws Exception {
    serve(TestCertificates.selfSigned("unifi.local"));
    HttpUpstreamConfig c = config();
    c.tlsConfig.pinnedSha256 = TestCertificates.selfSigned("unifi.local").sha256Fingerprint();
    assertThatThrownBy(() -> get(c))
        .hasFieldOrPropertyWithValue("reason", "tls")
        .hasMessageContaining("pinned");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void insecureSkipVerifyAcceptsAnything() throws Exception {
    serve(TestCertificates.selfSigned("elsewhere.lan"));
    HttpUpstreamConfig c = config();
    c.tlsConfig.insecureSkipVerify = true;
    assertThat(get(c).status()).isEqualTo(200);
  }

  @Test
  void presentsAClientCertificate() throws Exception {
    Issued ca = TestCertificates.ca("home-ca");
    Issued client = TestCertificates.selfSigned("exporter");
    server.requireClientAuth();
    serve(TestCertificates.server(ca, "127.0.0.1"), client);
    HttpUpstreamConfig c = config();
    c.tlsConfig.caFile = ca.writePem(dir, "ca.pem").toString();
    c.tlsConfig.certFile = client.writePem(dir, "client.pem").toString();
    c.tlsConfig.keyFile = client.writeKeyPem(dir, "client.key").toString();
    assertThat(get(c).status()).isEqualTo(200);
    assertThat(server.takeRequest().getHandshake().peerCertificates()).isNotEmpty();
  }

  @Test
  void refusesAWorldReadableKeyAndBadFiles() throws Exception {
    Issued client = TestCertificates.selfSigned("exporter");
    UpstreamTlsConfig t = new UpstreamTlsConfig();
    t.certFile = client.writePem(dir, "client.pem").toString();
    Path key = client.writeKeyPem(dir, "client.key");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    t.keyFile = key.toString();
    t.caFile = dir.resolve("missing.pem").toString();
    t.pinnedSha256 = "12:34";
    ConfigProblems problems = new ConfigProblems();
    t.validate(problems);
    assertThat(String.join("\n", problems.list()))
        .contains("key_file: " + key + " is readable or writable by every user")
        .contains("ca_file: " + dir.resolve("missing.pem") + " is missing")
        .contains("pinned_sha256: not a SHA-256 fingerprint");
  }

  @Test
  void fingerprintsParseWithOrWithoutColons() throws Exception {
    Issued c = TestCertificates.selfSigned("x");
    String colons = c.sha256Fingerprint();
    assertThat(CertificateFingerprint.parse(colons))
        .isEqualTo(CertificateFingerprint.parse(colons.replace(":", "").toLowerCase()))
        .isEqualTo(CertificateFingerprint.of(c.certificate()));
    assertThat(CertificateFingerprint.of(c.certificate()).toString()).isEqualTo(colons);
    assertThatThrownBy(
            () -> CertificateFingerprint.parse("AB:" + colons.substring(3).replace(":", "")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CertificateFingerprint.parse(colons + ":00"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
