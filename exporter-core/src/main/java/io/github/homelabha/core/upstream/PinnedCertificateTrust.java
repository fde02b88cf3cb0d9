package io.github.homelabha.core.upstream;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly the server certificate with the pinned fingerprint, whoever issued it and whatever
 * host names it carries; with no pin, any certificate ({@code insecure_skip_verify}). Extends the
 * extended trust manager so the JDK does not wrap it with its own host name checks.
 */
final class PinnedCertificateTrust extends X509ExtendedTrustManager {
  private final CertificateFingerprint pin;

  PinnedCertificateTrust(CertificateFingerprint pin) {
    this.pin = pin;
  }

  static PinnedCertificateTrust acceptingAny() {
    return new PinnedCertificateTrust(null);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (pin == null) {
      return;
    }
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server presented no certificate");
    }
    CertificateFingerprint actual = CertificateFingerprint.of(chain[0]);
    if (!actual.equals(pin)) {
      throw new CertificateException(
          "the server's certificate has SHA-256 fingerprint "
              + actual
              + ", not the pinned "
              + pin
              + " (tls_config.pinned_sha256)");
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("an upstream client does not accept client certificates");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
