package io.github.homelabha.core.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import io.github.homelabha.core.fixtures.FakeExporter;
import io.github.homelabha.core.testkit.RunningExporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole exporter behind {@code --web.config.file}: TLS plus basic auth over real HTTPS. */
class ExporterWebSecurityTest {
  private static final String PASSWORD = "correct horse battery staple";

  @TempDir Path dir;

  @Test
  void servesMetricsOverTlsOnlyWithTheRightPassword() throws Exception {
    TestPki.Issued ca = TestPki.ca("exporter-ca");
    TestPki.Issued server = TestPki.server(ca, TestPki.KeyType.EC);
    TestPki.write(dir, "server.crt", TestPki.certificatesPem(server.certificate()));
    TestPki.write(dir, "server.key", TestPki.keyPem(server.keys(), TestPki.KeyFormat.SEC1_EC));
    String hash =
        new String(BCrypt.withDefaults().hash(4, PASSWORD.toCharArray()), StandardCharsets.UTF_8);
    Path webConfig =
        TestPki.write(
            dir,
            "web-config.yml",
            """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
            basic_auth_users:
              prometheus: %s
            http_server_config:
              headers:
                X-Frame-Options: deny
            """
                .formatted(hash));

    try (RunningExporter e =
        RunningExporter.start(new FakeExporter(), "--web.config.file=" + webConfig)) {
      X509TrustManager trust = TestPki.trusting(ca.certificate());
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, new X509TrustManager[] {trust}, null);
      OkHttpClient client =
          new OkHttpClient.Builder()
              .sslSocketFactory(ssl.getSocketFactory(), trust)
              .hostnameVerifier((h, s) -> true)
              .callTimeout(10, TimeUnit.SECONDS)
              .build();
      String url = "https://127.0.0.1:" + e.port() + "/metrics";

      try (Response r =
          client
              .newCall(
                  new Request.Builder()
                      .url(url)
                      .header("Authorization", Credentials.basic("prometheus", PASSWORD))
                      .build())
              .execute()) {
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.header("X-Frame-Options")).isEqualTo("deny");
        assertThat(r.body().string()).contains("fake_up 1");
      }
      try (Response r =
          client
              .newCall(
                  new Request.Builder()
                      .url(url)
                      .header("Authorization", Credentials.basic("prometheus", "wrong"))
                      .build())
              .execute()) {
        assertThat(r.code()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(r.body().string()).doesNotContain("fake_up");
      }
      try (Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
        assertThat(r.code()).isEqualTo(401);
      }
      // plain HTTP on the TLS port is refused
      assertThatThrownBy(() -> e.get("/metrics")).isInstanceOf(java.io.IOException.class);
      assertThat(e.logs()).doesNotContain(PASSWORD).doesNotContain(hash);
    }
  }

  @Test
  void aBadCertificateFileIsAClearStartupError() throws Exception {
    Files.writeString(dir.resolve("server.crt"), "-----BEGIN CERTIFICATE-----\nnot base64!\n");
    Files.writeString(dir.resolve("server.key"), "garbage");
    Path webConfig =
        TestPki.write(
            dir,
            "web-config.yml",
            """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
            """);
    assertThatThrownBy(
            () -> RunningExporter.start(new FakeExporter(), "--web.config.file=" + webConfig))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("tls_server_config.cert_file")
        .hasMessageNotContaining("not base64");
  }
}
