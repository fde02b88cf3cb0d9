package io.github.homelabha.core.web.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cipher suite and curve names a Go exporter accepts in a web config file. Go names cipher
 * suites by their IANA names, which are also the JSSE names, so they pass through unchanged.
 */
final class GoTlsNames {
  private GoTlsNames() {}

  /**
   * TLS 1.3 suites: Go accepts these names but ignores them (TLS 1.3 suites are not configurable
   * there), and so do we: every TLS 1.3 suite of the JVM stays enabled.
   */
  static final List<String> TLS13_SUITES =
      List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

  /** The TLS 1.0-1.2 suites Go lists as secure; the only ones exporter-toolkit accepts. */
  static final List<String> TLS12_SUITES =
      List.of(
          "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
          "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
          "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
          "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

  /** Go curve names to the JSSE named-group names. */
  static final Map<String, String> CURVES = curves();

  private static Map<String, String> curves() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("CurveP256", "secp256r1");
    m.put("CurveP384", "secp384r1");
    m.put("CurveP521", "secp521r1");
    m.put("X25519", "x25519");
    return java.util.Collections.unmodifiableMap(m);
  }

  static boolean isKnownSuite(String name) {
    return TLS13_SUITES.contains(name) || TLS12_SUITES.contains(name);
  }
}
