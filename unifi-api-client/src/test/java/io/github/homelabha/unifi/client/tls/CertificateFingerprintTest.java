package io.github.homelabha.unifi.client.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CertificateFingerprintTest {
  private static final String HEX = "0123456789abcdef".repeat(4);

  @Test
  void acceptsOpensslBrowserAndBareHexForms() {
    CertificateFingerprint bare = CertificateFingerprint.parse(HEX);
    String colons = bare.toString();
    assertThat(colons).hasSize(95).startsWith("01:23:45:67:89:AB");
    assertThat(CertificateFingerprint.parse(colons)).isEqualTo(bare);
    assertThat(CertificateFingerprint.parse(colons.toLowerCase())).isEqualTo(bare);
    assertThat(CertificateFingerprint.parse("sha256 Fingerprint=" + colons)).isEqualTo(bare);
    assertThat(CertificateFingerprint.parse("sha256:" + HEX)).isEqualTo(bare);
    assertThat(CertificateFingerprint.parse("  " + HEX.toUpperCase() + "\n")).isEqualTo(bare);
  }

  @Test
  void rejectsWhatIsNotASha256() {
    for (String bad :
        new String[] {"", "AA:BB", HEX + "00", HEX.replace('a', 'g'), "SHA1:" + HEX}) {
      assertThatThrownBy(() -> CertificateFingerprint.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("SHA-256");
    }
  }
}
