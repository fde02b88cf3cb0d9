package io.github.homelabha.core.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import io.github.homelabha.core.web.security.TestPki.Issued;
import io.github.homelabha.core.web.security.TestPki.KeyFormat;
import io.github.homelabha.core.web.security.TestPki.KeyType;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading and validation of web config files: keys, defaults, file checks, error messages. */
class WebConfigLoadTest {
  private static Issued ca;
  private static Issued server;
  private static String serverKeyPem;

  @TempDir Path dir;

  @BeforeAll
  static void pki() throws Exception {
    ca = TestPki.ca("ca");
    server = TestPki.server(ca, KeyType.RSA);
    serverKeyPem = TestPki.keyPem(server.keys(), KeyFormat.PKCS8_RSA);
  }

  @Test
  void aNodeExporterWebConfigLoadsAsIs() throws Exception {
    try (InputStream in =
        getClass().getResourceAsStream("/web-security/node-exporter-web-config.yml")) {
      Files.write(dir.resolve("web-config.yml"), in.readAllBytes());
    }
    Issued node = TestPki.server(ca, KeyType.EC);
    TestPki.write(dir, "node_exporter.crt", TestPki.certificatesPem(node.certificate()));
    TestPki.write(dir, "node_exporter.key", TestPki.keyPem(node.keys(), KeyFormat.SEC1_EC));
    TestPki.write(dir, "prometheus-ca.crt", TestPki.certificatesPem(ca.certificate()));

    WebConfig config = WebConfig.load(dir.resolve("web-config.yml"));

    assertThat(config.tlsEnabled()).isTrue();
    assertThat(config.tls()).isPresent();
    assertThat(config.basicAuth().required()).isTrue();
    assertThat(config.basicAuth().verify(basic("prometheus", "scrape-me"), "client").accepted())
        .isTrue();
    assertThat(config.responseHeaders())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "X-Frame-Options", "deny",
                "X-Content-Type-Options", "nosniff",
                "Strict-Transport-Security", "max-age=31536000",
                "X-XSS-Protection", "0"));
    assertThat(config.rateLimiter())
        .hasValueSatisfying(
            l -> {
              assertThat(l.interval()).isEqualTo(Duration.ofMillis(100));
              assertThat(l.burst()).isEqualTo(20);
            });
    assertThat(config.http2()).isTrue();
    assertThat(config.notices())
        .anySatisfy(n -> assertThat(n).contains("-Djdk.tls.namedGroups=x25519,secp256r1"));
  }

  @Test
  void anEmptyFileEnablesNothing() throws Exception {
    WebConfig config = load("");
    assertThat(config.tlsEnabled()).isFalse();
    assertThat(config.tls()).isEmpty();
    assertThat(config.basicAuth().required()).isFalse();
    assertThat(config.responseHeaders()).isEmpty();
    assertThat(config.rateLimiter()).isEmpty();
  }

  @Test
  void noneEnablesNothing() {
    WebConfig config = WebConfig.none();
    assertThat(config.tls()).isEmpty();
    assertThat(config.basicAuth().required()).isFalse();
    assertThat(config.basicAuth().verify(basic("a", "b"), "client").accepted()).isFalse();
    assertThat(config.clientCertificateAllowed(null)).isTrue();
  }

  @Test
  void relativePathsResolveAgainstTheConfigFilesDirectory() throws Exception {
    writeServerFiles("certs/");
    Path config =
        TestPki.write(
            dir,
            "etc/web.yml",
            """
        tls_server_config:
          cert_file: ../certs/server.crt
          key_file: ../certs/server.key
        """);
    assertThat(WebConfig.load(config).tlsEnabled()).isTrue();
  }

  @Test
  void everyProblemIsListedWithItsKeyPath() throws Exception {
    writeServerFiles("");
    InvalidConfigException e =
        problems(
            """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              client_auth_type: Foo
              min_version: TLS14
              cipher_suites: [TLS_RSA_WITH_RC4_128_SHA, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
              curve_preferences: [CurveP999]
              prefer_server_cipher_suites: maybe
              sni: true
            http_server_config:
              http2: true
              headers:
                X-Frame-Options: allow
                X-Powered-By: homelab
            basic_auth_users:
              alice: not-a-hash
            rate_limit:
              interval: 10 seconds
            unknown_section: {}
            """);

    assertThat(e.problems())
        .contains(
            "tls_server_config.client_auth_type: unknown value \"Foo\" (one of NoClientCert,"
                + " RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven,"
                + " RequireAndVerifyClientCert)",
            "tls_server_config.min_version: unknown value \"TLS14\" (one of TLS10, TLS11, TLS12,"
                + " TLS13)")
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "tls_server_config.cipher_suites[0]: unknown cipher suite \"TLS_RSA_WITH_RC4_128_SHA\""))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "tls_server_config.curve_preferences[0]: unknown curve \"CurveP999\""))
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        "tls_server_config.prefer_server_cipher_suites: must be true or false"))
        .anySatisfy(p -> assertThat(p).startsWith("tls_server_config.sni: unknown key"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "http_server_config.headers.X-Frame-Options: unknown value \"allow\" (one of deny, sameorigin)"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "http_server_config.headers.X-Powered-By: this header cannot be configured"))
        .anySatisfy(p -> assertThat(p).startsWith("basic_auth_users.alice: not a bcrypt hash"))
        .anySatisfy(
            p -> assertThat(p).startsWith("rate_limit.interval: \"10 seconds\" is not a duration"))
        .anySatisfy(p -> assertThat(p).startsWith("unknown_section: unknown key"))
        .hasSize(11);
    assertThat(e.getMessage()).doesNotContain("not-a-hash");
  }

  @Test
  void aBadCertificateFileIsAStartUpErrorNamingKeyAndPath() throws Exception {
    writeServerFiles("");
    Path garbage =
        TestPki.write(
            dir,
            "garbage.crt",
            "-----BEGIN CERTIFICATE-----\nAAAA!!notbase64\n-----END CERTIFICATE-----\n");
    InvalidConfigException e = problems(tlsWith("garbage.crt", "server.key"));
    assertThat(e.problems())
        .containsExactly(
            "tls_server_config.cert_file: " + garbage + ": malformed PEM certificate data");
    assertNoPem(e);

    InvalidConfigException keyAsCert = problems(tlsWith("server.key", "server.key"));
    assertThat(keyAsCert.problems())
        .containsExactly(
            "tls_server_config.cert_file: "
                + dir.resolve("server.key")
                + ": no PEM certificate found");
    assertNoPem(keyAsCert);
  }

  @Test
  void aKeyOfAnotherCertificateIsRefused() throws Exception {
    writeServerFiles("");
    Issued other = TestPki.server(ca, KeyType.RSA);
    TestPki.write(dir, "other.key", TestPki.keyPem(other.keys(), KeyFormat.PKCS1_RSA));
    InvalidConfigException e = problems(tlsWith("server.crt", "other.key"));
    assertThat(e.problems())
        .containsExactly(
            "tls_server_config.key_file: the key in "
                + dir.resolve("other.key")
                + " does not belong to the certificate in "
                + dir.resolve("server.crt"));
    assertNoPem(e);
  }

  @Test
  void missingFilesAreNamed() throws Exception {
    InvalidConfigException e =
        problems(
            """
            tls_server_config:
              cert_file: nowhere.crt
              key_file: nowhere.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: nowhere-ca.crt
            """);
    assertThat(e.problems())
        .containsExactly(
            "tls_server_config.cert_file: file not found: " + dir.resolve("nowhere.crt"),
            "tls_server_config.key_file: file not found: " + dir.resolve("nowhere.key"),
            "tls_server_config.client_ca_file: file not found: " + dir.resolve("nowhere-ca.crt"));
  }

  @Test
  void endlessAndOversizedFilesAreClearProblemsNotAnOutOfMemoryError() throws Exception {
    writeServerFiles("");
    java.nio.file.Files.write(dir.resolve("huge.crt"), new byte[(1 << 20) + 1]);
    InvalidConfigException e =
        problems(
            """
            tls_server_config:
              cert_file: huge.crt
              key_file: /dev/zero
            """);
    assertThat(e.problems())
        .containsExactly(
            "tls_server_config.cert_file: "
                + dir.resolve("huge.crt")
                + " is larger than 1 MiB; not a PEM or YAML file?",
            "tls_server_config.key_file: /dev/zero is a device, FIFO or socket, not a regular"
                + " file");
  }

  @Test
  void aMissingConfigFileIsAProblemToo() {
    Path missing = dir.resolve("absent.yml");
    assertThatThrownBy(() -> WebConfig.load(missing))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining(missing + ": file not found: " + missing);
  }

  @Test
  void aBrokenInlineKeyIsReportedWithoutItsContent() throws Exception {
    writeServerFiles("");
    String brokenKey = serverKeyPem.substring(0, serverKeyPem.length() / 2) + "\n";
    String yaml =
        "tls_server_config:\n  cert_file: server.crt\n  key: |\n"
            + brokenKey.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
    InvalidConfigException e = problems(yaml);
    assertThat(e.problems())
        .containsExactly("tls_server_config.key: malformed or unsupported PEM private key");
    assertNoPem(e);
  }

  @Test
  void yamlSyntaxErrorsGiveThePositionOnly() throws Exception {
    InvalidConfigException e =
        problems("basic_auth_users:\n  alice: $2y$10$secrethash\n   bob: [unclosed\n");
    assertThat(e.problems()).singleElement().asString().contains("not valid YAML at line");
    assertThat(e.getMessage()).doesNotContain("secrethash");
  }

  @Test
  void duplicateKeysAreRefused() throws Exception {
    InvalidConfigException e = problems("http_server_config:\n  http2: true\n  http2: false\n");
    assertThat(e.problems()).singleElement().asString().contains("duplicate key");
  }

  @Test
  void tlsRulesFromGo() throws Exception {
    writeServerFiles("");
    TestPki.write(dir, "ca.crt", TestPki.certificatesPem(ca.certificate()));
    assertThat(
            problems(tlsWith("server.crt", "server.key") + "  client_ca_file: ca.crt\n").problems())
        .singleElement()
        .asString()
        .startsWith(
            "tls_server_config.client_auth_type: client CAs are configured but no client certificate is asked for");
    assertThat(
            problems(
                    tlsWith("server.crt", "server.key")
                        + "  client_auth_type: VerifyClientCertIfGiven\n"
                        + "  client_ca_file: ca.crt\n"
                        + "  client_allowed_sans: [a]\n")
                .problems())
        .singleElement()
        .asString()
        .startsWith(
            "tls_server_config.client_allowed_sans: needs client_auth_type RequireAnyClientCert or RequireAndVerifyClientCert");
    assertThat(
            problems(
                    tlsWith("server.crt", "server.key")
                        + "  min_version: TLS13\n  max_version: TLS12\n")
                .problems())
        .containsExactly(
            "tls_server_config.min_version: TLS13 is above max_version TLS12; no version is left");
    assertThat(problems("tls_server_config:\n  cert_file: server.crt\n").problems())
        .containsExactly("tls_server_config: missing one of key or key_file");
    assertThat(problems(tlsWith("server.crt", "server.key") + "  cert: inline\n").problems())
        .containsExactly("tls_server_config.cert: set only one of cert and cert_file");
  }

  @Test
  void legacyRequireClientCertNameStillWorks() throws Exception {
    writeServerFiles("");
    WebConfig config =
        load(tlsWith("server.crt", "server.key") + "  client_auth_type: RequireClientCert\n");
    assertThat(config.tlsEnabled()).isTrue();
  }

  @Test
  void tlsKeysWithoutCertificateOrClientAuthMeanPlainHttp() throws Exception {
    WebConfig config = load("tls_server_config:\n  min_version: TLS13\n");
    assertThat(config.tlsEnabled()).isFalse();
    assertThat(config.notices()).singleElement().asString().contains("plain HTTP");
  }

  @Test
  void blankHeadersAreNotSentAndZeroIntervalDisablesTheLimiter() throws Exception {
    WebConfig config =
        load(
            """
            http_server_config:
              headers:
                Content-Security-Policy: ""
            rate_limit:
              interval: 0
              burst: 5
            """);
    assertThat(config.responseHeaders()).isEmpty();
    assertThat(config.rateLimiter()).isEmpty();
    assertThat(problems("rate_limit:\n  interval: 1s\n").problems())
        .containsExactly(
            "rate_limit.burst: must be at least 1 when interval is set; 0 refuses every request");
  }

  private void writeServerFiles(String prefix) throws Exception {
    TestPki.write(dir, prefix + "server.crt", TestPki.certificatesPem(server.certificate()));
    TestPki.write(dir, prefix + "server.key", serverKeyPem);
  }

  private static String tlsWith(String cert, String key) {
    return "tls_server_config:\n  cert_file: " + cert + "\n  key_file: " + key + "\n";
  }

  private WebConfig load(String yaml) throws Exception {
    return WebConfig.load(TestPki.write(dir, "web-config.yml", yaml));
  }

  private InvalidConfigException problems(String yaml) throws Exception {
    Path file = TestPki.write(dir, "web-config.yml", yaml);
    try {
      WebConfig.load(file);
    } catch (InvalidConfigException e) {
      return e;
    }
    throw new AssertionError("expected problems for:\n" + yaml);
  }

  /** The message must not carry key material: no PEM armour, no base64 line of the key. */
  private static void assertNoPem(InvalidConfigException e) {
    assertThat(e.getMessage()).doesNotContain("-----BEGIN").doesNotContain("PRIVATE KEY");
    for (String line : serverKeyPem.lines().toList()) {
      if (!line.startsWith("-----")) {
        assertThat(e.getMessage()).doesNotContain(line.substring(0, 16));
      }
    }
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
