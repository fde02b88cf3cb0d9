package io.github.homelabha.unifi.client.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/** A certificate's SHA-256 fingerprint, as {@code openssl x509 -fingerprint -sha256} prints it. */
public final class CertificateFingerprint {
  private final byte[] digest;

  private CertificateFingerprint(byte[] digest) {
    this.digest = digest;
  }

  /**
   * Accepts {@code AA:BB:...} (openssl, browsers), bare hex, either case, with an optional {@code
   * sha256:} or {@code SHA256 Fingerprint=} prefix.
   *
   * @throws IllegalArgumentException with a message saying what was expected
   */
  public static CertificateFingerprint parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("SHA-256 fingerprint missing");
    }
    String s = text.trim();
    int eq = s.indexOf('=');
    if (eq >= 0 && s.substring(0, eq).toLowerCase(Locale.ROOT).contains("fingerprint")) {
      s = s.substring(eq + 1);
    }
    if (s.toLowerCase(Locale.ROOT).startsWith("sha256:")) {
      s = s.substring("sha256:".length());
    }
    String hex = s.replace(":", "").replace(" ", "");
    if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException(
          "not a SHA-256 fingerprint: expected 32 bytes as hex, e.g. AA:BB:... (64 hex digits)");
    }
    return new CertificateFingerprint(HexFormat.of().parseHex(hex));
  }

  public static CertificateFingerprint of(X509Certificate certificate) {
    try {
      return new CertificateFingerprint(
          MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot hash certificate", e);
    }
  }

  /** Constant-time comparison with a certificate's fingerprint. */
  public boolean matches(X509Certificate certificate) {
    return MessageDigest.isEqual(digest, of(certificate).digest);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CertificateFingerprint f && MessageDigest.isEqual(digest, f.digest);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(digest);
  }

  /** {@code AA:BB:...}. */
  @Override
  public String toString() {
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
  }
}
