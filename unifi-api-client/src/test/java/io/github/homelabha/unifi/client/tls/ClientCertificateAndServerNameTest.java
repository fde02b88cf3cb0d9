package io.github.homelabha.unifi.client.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.unifi.client.Platform;
import io.github.homelabha.unifi.client.UnifiClient;
import io.github.homelabha.unifi.client.UnifiException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real HTTPS server whose certificate names {@code unifi.home.arpa} while the client reaches it
 * as 127.0.0.1, as when a reverse proxy with a home CA's certificate sits in front of a controller.
 * The certificates are made in the test; the server counts the requests it received.
 */
class ClientCertificateAndServerNameTest {
  private static final String NAME = "unifi.home.arpa";

  @TempDir Path dir;
  private final MockWebServer server = new MockWebServer();
  private TestKeys serverKeys;
  private TestKeys clientKeys;
  private Path serverCa;

  @BeforeEach
  void start() throws Exception {
    serverKeys = TestKeys.selfSigned(NAME);
    clientKeys = TestKeys.selfSigned("exporter");
    serverCa = serverKeys.writeCertificate(dir, "server-ca.pem");
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder()
                .addHeader("Content-Type", "application/json")
                .body("{\"meta\":{\"rc\":\"ok\"},\"data\":[{\"name\":\"default\",\"desc\":\"x\"}]}")
                .build();
          }
        });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void serve(boolean requireClientCertificate) throws Exception {
    server.useHttps(serverKeys.serverSocketFactory(clientKeys));
    if (requireClientCertificate) {
      server.requireClientAuth();
    }
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  private UnifiClient client(TlsOptions tls) {
    return UnifiClient.builder("https://127.0.0.1:" + server.getPort())
        .platform(Platform.CLASSIC)
        .apiKey("key-that-must-stay-home")
        .tls(tls)
        .build();
  }

  private TlsOptions withClientCertificate(TlsOptions tls) throws Exception {
    return tls.withClientCertificate(
        clientKeys.writeCertificate(dir, "client.pem"), clientKeys.writeKey(dir, "client.key"));
  }

  @Test
  void aServerThatRequiresAClientCertificateAcceptsTheRightOne() throws Exception {
    serve(true);
    try (UnifiClient unifi =
        client(withClientCertificate(TlsOptions.caFile(serverCa).withServerName(NAME)))) {
      assertThat(unifi.sites()).hasSize(1);
    }
    RecordedRequest r = server.takeRequest();
    assertThat(r.getHandshake().peerCertificates()).containsExactly(clientKeys.certificate());
    assertThat(r.getHandshakeServerNames()).as("SNI").containsExactly(NAME);
  }

  @Test
  void withoutAClientCertificateTheServerRefusesAndNothingIsSent() throws Exception {
    serve(true);
    try (UnifiClient unifi = client(TlsOptions.caFile(serverCa).withServerName(NAME))) {
      assertThatThrownBy(unifi::sites).isInstanceOf(UnifiException.class);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anUnknownClientCertificateIsRefusedToo() throws Exception {
    serve(true);
    TestKeys stranger = TestKeys.selfSigned("stranger");
    TlsOptions tls =
        TlsOptions.pinned(serverKeys.fingerprint())
            .withClientCertificate(
                stranger.writeCertificate(dir, "stranger.pem"),
                stranger.writeKey(dir, "stranger.key"));
    try (UnifiClient unifi = client(tls)) {
      assertThatThrownBy(unifi::sites).isInstanceOf(UnifiException.class);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aPinnedCertificateCombinesWithAClientCertificate() throws Exception {
    serve(true);
    try (UnifiClient unifi =
        client(withClientCertificate(TlsOptions.pinned(serverKeys.fingerprint())))) {
      assertThat(unifi.sites()).hasSize(1);
    }
  }

  @Test
  void theServerNameIsWhatTheCertificateIsCheckedAgainst() throws Exception {
    serve(false);
    try (UnifiClient unifi = client(TlsOptions.caFile(serverCa).withServerName(NAME))) {
      assertThat(unifi.sites()).hasSize(1);
    }
    assertThat(server.takeRequest().getHandshakeServerNames()).containsExactly(NAME);
    // Without it the address 127.0.0.1 is checked, which the certificate does not name.
    try (UnifiClient unifi = client(TlsOptions.caFile(serverCa))) {
      assertThatThrownBy(unifi::sites)
          .isInstanceOfSatisfying(
              UnifiException.class, e -> assertThat(e.kind()).isEqualTo(UnifiException.Kind.TLS));
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aWrongServerNameIsRejectedBeforeAnyRequest() throws Exception {
    serve(false);
    try (UnifiClient unifi = client(TlsOptions.caFile(serverCa).withServerName("nas.home.arpa"))) {
      assertThatThrownBy(unifi::sites)
          .isInstanceOfSatisfying(
              UnifiException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(UnifiException.Kind.TLS);
                assertThat(e.getMessage()).contains("nothing was sent");
              });
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void theSystemCasStillApplyWithAServerName() throws Exception {
    serve(false);
    try (UnifiClient unifi = client(TlsOptions.systemCa().withServerName(NAME))) {
      assertThatThrownBy(unifi::sites)
          .isInstanceOfSatisfying(
              UnifiException.class, e -> assertThat(e.kind()).isEqualTo(UnifiException.Kind.TLS));
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void unusableKeyFilesAreRefusedNamingTheFileNotItsContent() throws Exception {
    Path cert = clientKeys.writeCertificate(dir, "client.pem");
    Path key = clientKeys.writeKey(dir, "client.key");
    String keyText = Files.readString(key);

    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> TlsOptions.systemCa().withClientCertificate(cert, key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("readable or writable by every user");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

    Path otherKey = TestKeys.selfSigned("other").writeKey(dir, "other.key");
    assertThatThrownBy(() -> TlsOptions.systemCa().withClientCertificate(cert, otherKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not belong to the certificate");

    Path sec1 = dir.resolve("sec1.key");
    Files.writeString(
        sec1,
        keyText
            .replace("BEGIN PRIVATE KEY", "BEGIN EC PRIVATE KEY")
            .replace("END PRIVATE KEY", "END EC PRIVATE KEY"));
    Files.setPosixFilePermissions(sec1, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> TlsOptions.systemCa().withClientCertificate(cert, sec1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sec1.key")
        .hasMessageContaining("openssl pkcs8")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(keyText.substring(28, 60)));

    assertThatThrownBy(() -> TlsOptions.systemCa().withServerName("bad name/"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
