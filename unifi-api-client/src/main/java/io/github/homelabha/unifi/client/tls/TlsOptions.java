package io.github.homelabha.unifi.client.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the client checks the controller's certificate. One of: the system's trusted CAs (the
 * default), a CA file, a pinned certificate fingerprint, or no check at all (insecure, logged as a
 * warning).
 */
public final class TlsOptions {
  /** The kinds of check. */
  public enum Mode {
    SYSTEM_CA,
    CA_FILE,
    PINNED,
    INSECURE
  }

  private final Mode mode;
  private final Path caFile;
  private final CertificateFingerprint fingerprint;

  private TlsOptions(Mode mode, Path caFile, CertificateFingerprint fingerprint) {
    this.mode = mode;
    this.caFile = caFile;
    this.fingerprint = fingerprint;
  }

  /** The JVM's trusted CAs and host name verification. */
  public static TlsOptions systemCa() {
    return new TlsOptions(Mode.SYSTEM_CA, null, null);
  }

  /** Only certificates issued by the CA certificates (PEM) in {@code file}, host name checked. */
  public static TlsOptions caFile(Path file) {
    return new TlsOptions(Mode.CA_FILE, Objects.requireNonNull(file), null);
  }

  /**
   * Only the certificate with this SHA-256 fingerprint ({@code AA:BB:...} or bare hex), whatever
   * host name or issuer it carries: consoles present a self-signed certificate for {@code
   * unifi.local}, not for the address users type.
   *
   * @throws IllegalArgumentException when the text is not a SHA-256 fingerprint
   */
  public static TlsOptions pinned(String fingerprint) {
    return new TlsOptions(Mode.PINNED, null, CertificateFingerprint.parse(fingerprint));
  }

  /** Any certificate; the connection can be intercepted. The client logs a warning. */
  public static TlsOptions insecure() {
    return new TlsOptions(Mode.INSECURE, null, null);
  }

  public Mode mode() {
    return mode;
  }

  public Path caFile() {
    return caFile;
  }

  public CertificateFingerprint fingerprint() {
    return fingerprint;
  }

  @Override
  public String toString() {
    return switch (mode) {
      case SYSTEM_CA -> "system CAs";
      case CA_FILE -> "CA file " + caFile;
      case PINNED -> "pinned sha256 " + fingerprint;
      case INSECURE -> "insecure (no certificate check)";
    };
  }
}
