package io.github.homelabha.unifi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator as its own process, the way the demo starts it. */
class SimulatorProcessTest {

  private static List<String> java(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(UnifiSimulator.class.getName());
    command.addAll(List.of(args));
    return command;
  }

  @Test
  void helpNamesTheKnobs() throws Exception {
    Process p = new ProcessBuilder(java("--help")).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(out)
        .contains(
            "--mode", "--fingerprint-file", "--logins-per-minute", "--garbage-ratio", "--devices");
  }

  @Test
  void writesTheFingerprintOfTheCertificateItServes(@TempDir Path dir) throws Exception {
    Path fingerprint = dir.resolve("sha256");
    Path port = dir.resolve("port");
    Process p =
        new ProcessBuilder(
                java("--mode=unifi-os", "--fingerprint-file=" + fingerprint, "--port-file=" + port))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("log").toFile())
            .start();
    try {
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(port));
      String pin = Files.readString(fingerprint).trim();
      assertThat(pin).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
      CapturingTrust trust = new CapturingTrust();
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trust}, new SecureRandom());
      HttpClient http = HttpClient.newBuilder().sslContext(context).build();
      int p0 = Integer.parseInt(Files.readString(port).trim());
      HttpResponse<String> stats =
          http.send(
              HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + p0 + "/sim/stats")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(stats.statusCode()).isEqualTo(200);
      assertThat(stats.body()).contains("login_attempts");
      assertThat(trust.seen).isNotNull();
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      String seen =
          java.util.HexFormat.ofDelimiter(":")
              .withUpperCase()
              .formatHex(sha.digest(trust.seen.getEncoded()));
      assertThat(seen).isEqualTo(pin);
    } finally {
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** Accepts any certificate and keeps it, to compare with the fingerprint file. */
  private static final class CapturingTrust extends X509ExtendedTrustManager {
    volatile X509Certificate seen;

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      seen = chain[0];
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      seen = chain[0];
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      seen = chain[0];
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("not a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
