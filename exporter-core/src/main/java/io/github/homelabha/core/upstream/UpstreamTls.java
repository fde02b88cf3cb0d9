package io.github.homelabha.core.upstream;

import io.github.homelabha.core.web.security.PemException;
import io.github.homelabha.core.web.security.PemReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.internal.tls.OkHostnameVerifier;

/**
 * Builds the TLS side of an upstream client from {@code tls_config}. Verification (trust, host
 * name, pin) is part of the handshake, which OkHttp completes before it writes a request: an
 * upstream that fails it never sees a request, so never the credentials in it.
 */
record UpstreamTls(
    SSLSocketFactory socketFactory, X509TrustManager trust, HostnameVerifier verifier) {

  /** The TLS settings for {@code config}; the system's defaults when nothing is configured. */
  static UpstreamTls build(UpstreamTlsConfig config) throws IOException, GeneralSecurityException {
    X509TrustManager trust;
    HostnameVerifier verifier;
    if (!config.pinnedSha256.isEmpty()) {
      trust = new PinnedCertificateTrust(CertificateFingerprint.parse(config.pinnedSha256));
      // The pin names the one certificate to accept; its host names do not matter.
      verifier = (host, session) -> true;
    } else if (config.insecureSkipVerify) {
      trust = PinnedCertificateTrust.acceptingAny();
      verifier = (host, session) -> true;
    } else {
      trust = config.caFile.isEmpty() ? systemTrust() : caTrust(config.caFile);
      verifier =
          config.serverName.isEmpty()
              ? OkHostnameVerifier.INSTANCE
              : (host, session) -> OkHostnameVerifier.INSTANCE.verify(config.serverName, session);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers(config), new TrustManager[] {trust}, null);
    SSLSocketFactory factory = context.getSocketFactory();
    if (!config.serverName.isEmpty()) {
      factory = new ServerNameSocketFactory(factory, config.serverName);
    }
    return new UpstreamTls(factory, trust, verifier);
  }

  private static X509TrustManager systemTrust() throws GeneralSecurityException {
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init((KeyStore) null);
    return firstX509(f.getTrustManagers());
  }

  private static X509TrustManager caTrust(String caFile)
      throws IOException, GeneralSecurityException {
    List<X509Certificate> cas = certificates(caFile);
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    for (int i = 0; i < cas.size(); i++) {
      store.setCertificateEntry("ca" + i, cas.get(i));
    }
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(store);
    return firstX509(f.getTrustManagers());
  }

  private static KeyManager[] keyManagers(UpstreamTlsConfig config)
      throws IOException, GeneralSecurityException {
    if (config.certFile.isEmpty()) {
      return null;
    }
    List<X509Certificate> chain = certificates(config.certFile);
    PrivateKey key;
    try {
      key = PemReader.privateKey(PemFiles.read(config.keyFile, true));
      PemReader.requireMatch(key, chain.get(0));
    } catch (PemException e) {
      throw new IOException(config.keyFile + ": " + e.getMessage());
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = new char[0];
    store.setKeyEntry("client", key, password, chain.toArray(X509Certificate[]::new));
    KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    f.init(store, password);
    return f.getKeyManagers();
  }

  private static List<X509Certificate> certificates(String file) throws IOException {
    try {
      return PemReader.certificates(PemFiles.read(file, false));
    } catch (PemException e) {
      throw new IOException(file + ": " + e.getMessage());
    }
  }

  private static X509TrustManager firstX509(TrustManager[] managers) {
    for (TrustManager m : managers) {
      if (m instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new IllegalStateException("the JDK offers no X.509 trust manager");
  }

  /** Sends {@code server_name} as SNI instead of the URL's host. */
  private static final class ServerNameSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final String serverName;

    ServerNameSocketFactory(SSLSocketFactory delegate, String serverName) {
      this.delegate = delegate;
      this.serverName = serverName;
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose)
        throws IOException {
      return delegate.createSocket(s, serverName, port, autoClose);
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return delegate.createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return delegate.createSocket(address, port, localAddress, localPort);
    }
  }
}
