package io.github.homelabha.core.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.web.security.TestPki.Issued;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClientSanPolicyTest {
  private static Issued ca;

  @BeforeAll
  static void pki() throws Exception {
    ca = TestPki.ca("ca");
  }

  @Test
  void readsEverySanKindGoCompares() throws Exception {
    Issued client =
        TestPki.client(
            ca,
            new GeneralName(GeneralName.dNSName, "prometheus.lab"),
            new GeneralName(GeneralName.rfc822Name, "ops@example.org"),
            new GeneralName(GeneralName.iPAddress, "192.0.2.10"),
            new GeneralName(GeneralName.iPAddress, "2001:db8:0:0:0:0:0:1"),
            new GeneralName(GeneralName.iPAddress, "::1"),
            new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://lab/prometheus"));

    assertThat(ClientSanPolicy.sanValues(client.certificate()))
        .containsExactly(
            "prometheus.lab",
            "ops@example.org",
            "192.0.2.10",
            "2001:db8::1",
            "::1",
            "spiffe://lab/prometheus");
  }

  @Test
  void onlyTheLeafCertificateCounts() throws Exception {
    Issued allowed = TestPki.client(ca, new GeneralName(GeneralName.dNSName, "prometheus.lab"));
    Issued other = TestPki.client(ca, new GeneralName(GeneralName.dNSName, "grafana.lab"));
    ClientSanPolicy policy = new ClientSanPolicy(List.of("prometheus.lab", "2001:db8::1"));

    assertThat(policy.allows(new X509Certificate[] {allowed.certificate()})).isTrue();
    assertThat(policy.allows(new X509Certificate[] {other.certificate(), allowed.certificate()}))
        .isFalse();
    assertThat(policy.allows(new X509Certificate[0])).isFalse();
    assertThat(policy.allows(null)).isFalse();
    assertThat(policy.allows(new X509Certificate[] {ca.certificate()})).as("no SANs").isFalse();
  }
}
