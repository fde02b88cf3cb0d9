package io.github.homelabha.core.web.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * The client certificate policies of Go's {@code crypto/tls}, by the names a web config file uses,
 * and how each one is expressed with JSSE/Jetty.
 *
 * <p>Go separates "ask for a certificate" from "verify it against the client CAs"; JSSE only knows
 * "want" and "need" and always runs the trust manager on a certificate the client sends. The modes
 * that do not verify are therefore built with a trust manager that accepts any chain:
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><th>Go name</th><th>Jetty</th><th>trust manager</th></tr>
 *   <tr><td>NoClientCert</td><td>neither want nor need</td><td>not used</td></tr>
 *   <tr><td>RequestClientCert</td><td>want</td><td>accepts any chain</td></tr>
 *   <tr><td>RequireAnyClientCert</td><td>need</td><td>accepts any chain</td></tr>
 *   <tr><td>VerifyClientCertIfGiven</td><td>want</td><td>client CAs</td></tr>
 *   <tr><td>RequireAndVerifyClientCert</td><td>need</td><td>client CAs</td></tr>
 * </table>
 *
 * <p>As in Go, a verifying mode without {@code client_ca}/{@code client_ca_file} verifies against
 * the system roots (the JVM's default trust store).
 */
public enum ClientAuthType {
  NO_CLIENT_CERT("NoClientCert", false, false, false),
  REQUEST_CLIENT_CERT("RequestClientCert", true, false, false),
  REQUIRE_ANY_CLIENT_CERT("RequireAnyClientCert", false, true, false),
  VERIFY_CLIENT_CERT_IF_GIVEN("VerifyClientCertIfGiven", true, false, true),
  REQUIRE_AND_VERIFY_CLIENT_CERT("RequireAndVerifyClientCert", false, true, true);

  /** exporter-toolkit still accepts this old spelling of RequireAnyClientCert. */
  private static final String LEGACY_REQUIRE_ANY = "RequireClientCert";

  private final String configName;
  private final boolean want;
  private final boolean need;
  private final boolean verifies;

  ClientAuthType(String configName, boolean want, boolean need, boolean verifies) {
    this.configName = configName;
    this.want = want;
    this.need = need;
    this.verifies = verifies;
  }

  public String configName() {
    return configName;
  }

  /** Jetty's {@code wantClientAuth}: ask for a certificate, accept a client without one. */
  public boolean want() {
    return want;
  }

  /** Jetty's {@code needClientAuth}: the handshake fails without a client certificate. */
  public boolean need() {
    return need;
  }

  /** Whether a presented chain must lead to a client CA. */
  public boolean verifies() {
    return verifies;
  }

  /** Whether every connection is guaranteed to carry a client certificate. */
  public boolean requiresCertificate() {
    return need;
  }

  static Optional<ClientAuthType> fromConfigName(String name) {
    if (LEGACY_REQUIRE_ANY.equals(name)) {
      return Optional.of(REQUIRE_ANY_CLIENT_CERT);
    }
    return Arrays.stream(values()).filter(t -> t.configName.equals(name)).findFirst();
  }

  static String allowedNames() {
    return String.join(", ", Arrays.stream(values()).map(ClientAuthType::configName).toList());
  }
}
