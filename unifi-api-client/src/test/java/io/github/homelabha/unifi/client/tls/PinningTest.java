package io.github.homelabha.unifi.client.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.unifi.client.UnifiClient;
import io.github.homelabha.unifi.client.UnifiException;
import io.github.homelabha.unifi.simulator.SimulatorSettings;
import io.github.homelabha.unifi.simulator.UnifiSimulator;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's certificate names {@code unifi.local} and is self-signed, as a console's is. The
 * client reaches it as 127.0.0.1.
 */
class PinningTest {
  private UnifiSimulator sim;

  @BeforeEach
  void start() throws Exception {
    sim = UnifiSimulator.start(new SimulatorSettings());
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private UnifiClient client(TlsOptions tls) {
    return UnifiClient.builder(sim.baseUrl()).tls(tls).credentials("admin", "password").build();
  }

  @Test
  void theRightPinIsTrustedWhateverHostNameTheCertificateCarries() throws Exception {
    try (UnifiClient unifi = client(TlsOptions.pinned(sim.fingerprint()))) {
      assertThat(unifi.sites()).isNotEmpty();
    }
    String bareLowerHex = sim.fingerprint().replace(":", "").toLowerCase();
    try (UnifiClient unifi = client(TlsOptions.pinned(bareLowerHex))) {
      assertThat(unifi.sites()).isNotEmpty();
    }
  }

  @Test
  void aWrongPinGetsNotASingleRequest() {
    // another first byte: a fresh certificate's fingerprint starts with 00 once in 256 runs
    String right = sim.fingerprint();
    String wrong = (right.startsWith("00") ? "11" : "00") + right.substring(2);
    try (UnifiClient unifi = client(TlsOptions.pinned(wrong))) {
      assertThatThrownBy(unifi::sites)
          .isInstanceOfSatisfying(
              UnifiException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(UnifiException.Kind.TLS);
                assertThat(e.getMessage()).contains("nothing was sent");
              });
    }
    assertThat(sim.stats().requests()).isZero();
    assertThat(sim.stats().loginAttempts()).isZero();
  }

  @Test
  void systemCasRejectTheSelfSignedCertificateBeforeAnyRequest() {
    try (UnifiClient unifi = client(TlsOptions.systemCa())) {
      assertThatThrownBy(unifi::sites)
          .isInstanceOfSatisfying(
              UnifiException.class, e -> assertThat(e.kind()).isEqualTo(UnifiException.Kind.TLS));
    }
    assertThat(sim.stats().requests()).isZero();
  }

  @Test
  void caFileTrustsTheCertificateForItsOwnHostName(@TempDir Path dir) throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), sim.certificatePem());
    // The name on the certificate resolves to the simulator, as on a LAN with mDNS.
    OkHttpClient resolving =
        new OkHttpClient.Builder()
            .dns(
                host ->
                    host.equals("unifi.local")
                        ? List.of(InetAddress.getLoopbackAddress())
                        : okhttp3.Dns.SYSTEM.lookup(host))
            .build();
    try (UnifiClient unifi =
        UnifiClient.builder("https://unifi.local:" + sim.port())
            .httpClient(resolving)
            .tls(TlsOptions.caFile(ca))
            .credentials("admin", "password")
            .build()) {
      assertThat(unifi.sites()).isNotEmpty();
    }
    // By address, the host name check fails: the CA file does not waive it, pinning does.
    long before = sim.stats().requests();
    try (UnifiClient unifi = client(TlsOptions.caFile(ca))) {
      assertThatThrownBy(unifi::sites)
          .isInstanceOfSatisfying(
              UnifiException.class, e -> assertThat(e.kind()).isEqualTo(UnifiException.Kind.TLS));
    }
    assertThat(sim.stats().requests()).isEqualTo(before);
  }

  @Test
  void insecureAcceptsAnything() throws Exception {
    try (UnifiClient unifi = client(TlsOptions.insecure())) {
      assertThat(unifi.sites()).isNotEmpty();
    }
  }

  @Test
  void aCaFileThatIsNoCertificateIsRefusedAtBuildTime(@TempDir Path dir) throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
    assertThatThrownBy(() -> client(TlsOptions.caFile(junk)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("junk.pem");
  }
}
