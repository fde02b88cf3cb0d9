package io.github.homelabha.core.web.security;

import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The server-side trust manager deciding which client certificates end the handshake: the client
 * CAs (or, for the non-verifying Go modes, any chain), followed by the {@code client_allowed_sans}
 * check, so a disallowed client is refused during the handshake as in Go.
 */
final class ClientCertificateTrust extends X509ExtendedTrustManager {
  private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

  /** null for the modes that accept any chain. */
  private final X509ExtendedTrustManager verifier;

  /** null when no SAN list is configured. */
  private final ClientSanPolicy sanPolicy;

  private ClientCertificateTrust(X509ExtendedTrustManager verifier, ClientSanPolicy sanPolicy) {
    this.verifier = verifier;
    this.sanPolicy = sanPolicy;
  }

  /**
   * @param clientCas the client CA store, or null to verify against the JVM's default trust store
   *     (Go falls back to the system roots the same way)
   */
  static TrustManager[] create(ClientAuthType type, KeyStore clientCas, ClientSanPolicy sanPolicy)
      throws Exception {
    X509ExtendedTrustManager verifier = null;
    if (type.verifies()) {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(clientCas);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager extended) {
          verifier = extended;
        }
      }
      if (verifier == null) {
        throw new IllegalStateException("the JVM offers no X509 trust manager");
      }
    }
    return new TrustManager[] {new ClientCertificateTrust(verifier, sanPolicy)};
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    if (verifier != null) {
      verifier.checkClientTrusted(chain, authType, socket);
    }
    checkSans(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    if (verifier != null) {
      verifier.checkClientTrusted(chain, authType, engine);
    }
    checkSans(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (verifier != null) {
      verifier.checkClientTrusted(chain, authType);
    }
    checkSans(chain);
  }

  private void checkSans(X509Certificate[] chain) throws CertificateException {
    if (sanPolicy != null && !sanPolicy.allows(chain)) {
      throw new CertificateException("client certificate has none of the client_allowed_sans");
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("this trust manager only checks clients");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("this trust manager only checks clients");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this trust manager only checks clients");
  }

  /** The CA names sent in the certificate request; none for the modes accepting any chain. */
  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return verifier == null ? NO_ISSUERS : verifier.getAcceptedIssuers();
  }
}
