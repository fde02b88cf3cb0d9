package io.github.homelabha.unifi.client.tls;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * How the client checks the controller's certificate. One of: the system's trusted CAs (the
 * default), a CA file, a pinned certificate fingerprint, or no check at all (insecure, logged as a
 * warning). Any of them can be combined with a client certificate ({@link #withClientCertificate})
 * and a server name ({@link #withServerName}).
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
  private final ClientCertificate clientCertificate;
  private final String serverName;

  private TlsOptions(
      Mode mode,
      Path caFile,
      CertificateFingerprint fingerprint,
      ClientCertificate clientCertificate,
      String serverName) {
    this.mode = mode;
    this.caFile = caFile;
    this.fingerprint = fingerprint;
    this.clientCertificate = clientCertificate;
    this.serverName = serverName;
  }

  private TlsOptions(Mode mode, Path caFile, CertificateFingerprint fingerprint) {
    this(mode, caFile, fingerprint, null, "");
  }

  /**
   * A client certificate with its private key, for controllers behind a proxy that asks for one.
   */
  public record ClientCertificate(PrivateKey key, List<X509Certificate> chain) {
    public ClientCertificate {
      Objects.requireNonNull(key, "key");
      chain = List.copyOf(chain);
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("a client certificate needs at least one certificate");
      }
    }

    @Override
    public String toString() {
      // Never the key: only whose certificate it is.
      return "client certificate " + chain.get(0).getSubjectX500Principal().getName();
    }
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

  /**
   * These checks, and the client certificate in {@code certFile} (PEM, leaf first, then any
   * intermediates) with its unencrypted PKCS#8 private key in {@code keyFile} ({@code -----BEGIN
   * PRIVATE KEY-----}; convert others with {@code openssl pkcs8 -topk8 -nocrypt}). The key file
   * must not be readable by other users.
   *
   * @throws IllegalArgumentException when a file cannot be used or the key does not match (the
   *     message names the file, never its content)
   */
  public TlsOptions withClientCertificate(Path certFile, Path keyFile) {
    return withClientCertificate(PemKeys.clientCertificate(certFile, keyFile));
  }

  /** These checks and a client certificate read elsewhere. */
  public TlsOptions withClientCertificate(ClientCertificate certificate) {
    return new TlsOptions(
        mode, caFile, fingerprint, Objects.requireNonNull(certificate), serverName);
  }

  /**
   * These checks, sending {@code name} as SNI and verifying the certificate against it instead of
   * the URL's host: a controller reached as {@code https://192.168.1.1} whose CA-issued certificate
   * names {@code unifi.home.arpa}. With a pinned certificate or no check, only the SNI changes.
   *
   * @throws IllegalArgumentException when {@code name} is not a DNS name
   */
  public TlsOptions withServerName(String name) {
    if (name == null || !name.matches("[A-Za-z0-9.-]{1,253}")) {
      throw new IllegalArgumentException("server name must be a DNS name");
    }
    return new TlsOptions(mode, caFile, fingerprint, clientCertificate, name);
  }

  /** The client certificate, if any. */
  public java.util.Optional<ClientCertificate> clientCertificate() {
    return java.util.Optional.ofNullable(clientCertificate);
  }

  /** The server name to send and verify; empty: the URL's host. */
  public String serverName() {
    return serverName;
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
    String checks =
        switch (mode) {
          case SYSTEM_CA -> "system CAs";
          case CA_FILE -> "CA file " + caFile;
          case PINNED -> "pinned sha256 " + fingerprint;
          case INSECURE -> "insecure (no certificate check)";
        };
    return checks
        + (serverName.isEmpty() ? "" : ", server name " + serverName)
        + (clientCertificate == null ? "" : ", " + clientCertificate);
  }
}
