package io.github.homelabha.core.upstream;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/** A certificate's SHA-256 fingerprint (of its DER encoding), as openssl and browsers show it. */
public record CertificateFingerprint(String hex) {

  public CertificateFingerprint {
    hex = hex.toLowerCase(Locale.ROOT);
  }

  /**
   * Parses 64 hex digits, upper or lower case, with or without colons between the bytes ({@code
   * AB:CD:...} as openssl prints it, or {@code abcd...}).
   */
  public static CertificateFingerprint parse(String text) {
    String s = text == null ? "" : text.strip();
    String digits = s.replace(":", "");
    boolean colonsValid = s.indexOf(':') < 0 || s.matches("(?:[0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}");
    if (!colonsValid || !digits.matches("[0-9A-Fa-f]{64}")) {
      throw new IllegalArgumentException(
          "not a SHA-256 fingerprint: expected 64 hex digits, optionally in pairs separated by"
              + " colons (openssl x509 -noout -fingerprint -sha256 -in cert.pem)");
    }
    return new CertificateFingerprint(digits);
  }

  public static CertificateFingerprint of(X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return new CertificateFingerprint(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint a certificate", e);
    }
  }

  /** Upper case with colons, the way openssl prints it. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 2) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(hex, i, i + 2);
    }
    return sb.toString().toUpperCase(Locale.ROOT);
  }
}
