package io.github.homelabha.core.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.web.security.TestPki.Issued;
import io.github.homelabha.core.web.security.TestPki.KeyFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.CipherSuite;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.TlsVersion;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real handshakes against a Jetty server built from a web config file. */
class TlsHandshakeTest {
  private static Issued serverCa;
  private static Issued clientCa;
  private static Issued otherCa;
  private static X509TrustManager trustServerCa;

  @TempDir Path dir;

  @BeforeAll
  static void pki() throws Exception {
    serverCa = TestPki.ca("server-ca");
    clientCa = TestPki.ca("client-ca");
    otherCa = TestPki.ca("stranger-ca");
    trustServerCa = TestPki.trusting(serverCa.certificate());
  }

  @ParameterizedTest
  @EnumSource(KeyFormat.class)
  void servesWithEveryKeyEncoding(KeyFormat format) throws Exception {
    Issued server = TestPki.server(serverCa, format.type);
    TestPki.write(dir, "tls/server.crt", TestPki.certificatesPem(server.certificate()));
    TestPki.write(dir, "tls/server.key", TestPki.keyPem(server.keys(), format));
    WebConfig config =
        load(
            """
            tls_server_config:
              cert_file: tls/server.crt
              key_file: tls/server.key
            """);

    try (TlsServer running = new TlsServer(config)) {
      assertThat(get(client(null), running.url())).isEqualTo("ok HTTP/1.1");
    }
  }

  @Test
  void sendsTheIntermediateFromTheCertificateFile() throws Exception {
    Issued intermediate = TestPki.intermediate(serverCa, "intermediate");
    Issued server = TestPki.server(intermediate, TestPki.KeyType.EC);
    TestPki.write(
        dir,
        "server.crt",
        TestPki.certificatesPem(server.certificate(), intermediate.certificate()));
    TestPki.write(dir, "server.key", TestPki.keyPem(server.keys(), KeyFormat.PKCS8_EC));

    try (TlsServer running = new TlsServer(load(serverOnly()))) {
      // the client knows only the root, so this works only when the chain is sent
      assertThat(get(client(null), running.url())).startsWith("ok");
    }
  }

  @Test
  void aScrapeByIpIsServedWhenTheCertificateNamesOnlyAHost() throws Exception {
    // Prometheus with tls_config.server_name scrapes https://<ip>:<port> and checks the
    // certificate against the configured name; Jetty's SNI host check would answer 400 here.
    Issued hostOnly = TestPki.leafForHost(serverCa, "exporter.lab");
    TestPki.write(dir, "server.crt", TestPki.certificatesPem(hostOnly.certificate()));
    TestPki.write(dir, "server.key", TestPki.keyPem(hostOnly.keys(), KeyFormat.PKCS8_EC));
    SSLContext context = TestPki.clientContext(trustServerCa, null);
    OkHttpClient byIp =
        new OkHttpClient.Builder()
            .sslSocketFactory(context.getSocketFactory(), trustServerCa)
            .hostnameVerifier((host, session) -> true)
            .retryOnConnectionFailure(false)
            .build();

    try (TlsServer running = new TlsServer(load(serverOnly()))) {
      assertThat(get(byIp, running.url())).startsWith("ok");
    }
  }

  @Test
  void minVersionTls13RejectsATls12OnlyClient() throws Exception {
    writeServerFiles();
    WebConfig tls13 = load(serverOnly() + "  min_version: TLS13\n");
    WebConfig defaults = load(serverOnly());
    OkHttpClient tls12Only = client(null, spec(TlsVersion.TLS_1_2));

    try (TlsServer running = new TlsServer(defaults)) {
      assertThat(get(tls12Only, running.url())).startsWith("ok");
    }
    try (TlsServer running = new TlsServer(tls13)) {
      assertThatThrownBy(() -> get(tls12Only, running.url())).isInstanceOf(IOException.class);
      assertThat(get(client(null), running.url())).startsWith("ok");
    }
  }

  @Test
  void maxVersionTls12StillServesTls12() throws Exception {
    writeServerFiles();
    WebConfig tls12 = load(serverOnly() + "  max_version: TLS12\n");
    OkHttpClient tls13Only = client(null, spec(TlsVersion.TLS_1_3));

    try (TlsServer running = new TlsServer(tls12)) {
      assertThatThrownBy(() -> get(tls13Only, running.url())).isInstanceOf(IOException.class);
      assertThat(get(client(null, spec(TlsVersion.TLS_1_2)), running.url())).startsWith("ok");
    }
  }

  @Test
  void cipherSuitesLimitTls12() throws Exception {
    writeServerFiles();
    WebConfig config =
        load(
            serverOnly()
                + """
                  max_version: TLS12
                  cipher_suites:
                    - TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
                """);
    OkHttpClient other =
        client(
            null,
            new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS)
                .tlsVersions(TlsVersion.TLS_1_2)
                .cipherSuites(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384)
                .build());
    OkHttpClient matching =
        client(
            null,
            new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS)
                .tlsVersions(TlsVersion.TLS_1_2)
                .cipherSuites(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)
                .build());

    try (TlsServer running = new TlsServer(config)) {
      assertThatThrownBy(() -> get(other, running.url())).isInstanceOf(IOException.class);
      assertThat(get(matching, running.url())).startsWith("ok");
    }
  }

  @Test
  void requireAndVerifyClientCertNeedsACertificateFromTheClientCa() throws Exception {
    writeServerFiles();
    TestPki.write(dir, "client-ca.crt", TestPki.certificatesPem(clientCa.certificate()));
    WebConfig config =
        load(
            serverOnly()
                + """
                  client_auth_type: RequireAndVerifyClientCert
                  client_ca_file: client-ca.crt
                """);

    try (TlsServer running = new TlsServer(config)) {
      assertThatThrownBy(() -> get(client(null), running.url())).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> get(client(TestPki.client(otherCa)), running.url()))
          .isInstanceOf(IOException.class);
      assertThat(get(client(TestPki.client(clientCa)), running.url())).startsWith("ok");
    }
  }

  @Test
  void verifyClientCertIfGivenLetsAClientWithoutCertificateIn() throws Exception {
    writeServerFiles();
    TestPki.write(dir, "client-ca.crt", TestPki.certificatesPem(clientCa.certificate()));
    WebConfig config =
        load(
            serverOnly()
                + """
                  client_auth_type: VerifyClientCertIfGiven
                  client_ca_file: client-ca.crt
                """);

    try (TlsServer running = new TlsServer(config)) {
      assertThat(get(client(null), running.url())).startsWith("ok");
      assertThat(get(client(TestPki.client(clientCa)), running.url())).startsWith("ok");
      assertThatThrownBy(() -> get(client(TestPki.client(otherCa)), running.url()))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void requireAnyClientCertAcceptsAnyCertificateButNotNone() throws Exception {
    writeServerFiles();
    WebConfig config = load(serverOnly() + "  client_auth_type: RequireAnyClientCert\n");

    try (TlsServer running = new TlsServer(config)) {
      assertThatThrownBy(() -> get(client(null), running.url())).isInstanceOf(IOException.class);
      assertThat(get(client(TestPki.client(otherCa)), running.url())).startsWith("ok");
    }
  }

  @Test
  void clientAllowedSansRefusesOtherClientsDuringTheHandshake() throws Exception {
    writeServerFiles();
    TestPki.write(dir, "client-ca.crt", TestPki.certificatesPem(clientCa.certificate()));
    WebConfig config =
        load(
            serverOnly()
                + """
                  client_auth_type: RequireAndVerifyClientCert
                  client_ca_file: client-ca.crt
                  client_allowed_sans: [prometheus.lab, "10.0.0.5"]
                """);
    Issued allowedByDns =
        TestPki.client(clientCa, new GeneralName(GeneralName.dNSName, "prometheus.lab"));
    Issued allowedByIp =
        TestPki.client(clientCa, new GeneralName(GeneralName.iPAddress, "10.0.0.5"));
    Issued other = TestPki.client(clientCa, new GeneralName(GeneralName.dNSName, "grafana.lab"));

    try (TlsServer running = new TlsServer(config)) {
      assertThat(get(client(allowedByDns), running.url())).startsWith("ok");
      assertThat(get(client(allowedByIp), running.url())).startsWith("ok");
      assertThatThrownBy(() -> get(client(other), running.url())).isInstanceOf(IOException.class);
    }
    assertThat(
            config.clientCertificateAllowed(
                new java.security.cert.X509Certificate[] {allowedByDns.certificate()}))
        .isTrue();
    assertThat(
            config.clientCertificateAllowed(
                new java.security.cert.X509Certificate[] {other.certificate()}))
        .isFalse();
    assertThat(config.clientCertificateAllowed(null)).isFalse();
  }

  @Test
  void inlineCertificateAndKeyWork() throws Exception {
    Issued server = TestPki.server(serverCa, TestPki.KeyType.RSA);
    String yaml =
        "tls_server_config:\n  cert: |\n"
            + indent(TestPki.certificatesPem(server.certificate()))
            + "  key: |\n"
            + indent(TestPki.keyPem(server.keys(), KeyFormat.PKCS1_RSA));
    try (TlsServer running = new TlsServer(load(yaml))) {
      assertThat(get(client(null), running.url())).startsWith("ok");
    }
  }

  private static String indent(String pem) {
    return pem.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
  }

  private void writeServerFiles() throws Exception {
    Issued server = TestPki.server(serverCa, TestPki.KeyType.EC);
    TestPki.write(dir, "server.crt", TestPki.certificatesPem(server.certificate()));
    TestPki.write(dir, "server.key", TestPki.keyPem(server.keys(), KeyFormat.SEC1_EC));
  }

  private static String serverOnly() {
    return """
        tls_server_config:
          cert_file: server.crt
          key_file: server.key
        """;
  }

  private WebConfig load(String yaml) throws Exception {
    return WebConfig.load(TestPki.write(dir, "web-config.yml", yaml));
  }

  private static ConnectionSpec spec(TlsVersion version) {
    return new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS).tlsVersions(version).build();
  }

  private static OkHttpClient client(Issued clientCertificate) throws Exception {
    return client(
        clientCertificate,
        new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS)
            .tlsVersions(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2)
            .build());
  }

  private static OkHttpClient client(Issued clientCertificate, ConnectionSpec spec)
      throws Exception {
    SSLContext context = TestPki.clientContext(trustServerCa, clientCertificate);
    return new OkHttpClient.Builder()
        .sslSocketFactory(context.getSocketFactory(), trustServerCa)
        .connectionSpecs(List.of(spec))
        .retryOnConnectionFailure(false)
        .callTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static String get(OkHttpClient client, String url) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      if (response.code() != 200) {
        throw new IOException("HTTP " + response.code());
      }
      return response.body().string();
    }
  }
}
