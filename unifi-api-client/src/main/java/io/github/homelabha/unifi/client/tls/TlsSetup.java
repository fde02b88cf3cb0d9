package io.github.homelabha.unifi.client.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.internal.tls.OkHostnameVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link TlsOptions} to an OkHttp builder. The checks run during the TLS handshake, so a
 * server whose certificate fails them never receives a request, let alone credentials.
 */
public final class TlsSetup {
  private static final Logger LOG = LoggerFactory.getLogger(TlsSetup.class);

  /** CA bundles are small; a bigger file is a mistake (or a device file). */
  private static final long MAX_CA_FILE_BYTES = 1024 * 1024;

  private TlsSetup() {}

  /**
   * @param where the controller's URL, for the insecure warning
   * @throws IllegalArgumentException when the CA file cannot be used (message says why)
   */
  public static void apply(OkHttpClient.Builder builder, TlsOptions options, String where) {
    X509TrustManager tm;
    HostnameVerifier verifier;
    switch (options.mode()) {
      case CA_FILE -> {
        tm = caFileTrustManager(options.caFile());
        verifier = hostNames(options.serverName());
      }
      case PINNED -> {
        tm = new PinnedTrustManager(options.fingerprint());
        verifier = pinnedHostnames(options.fingerprint());
      }
      case INSECURE -> {
        LOG.warn(
            "TLS certificate checks are OFF for {}: anyone on the network path can read the"
                + " credentials; pin the certificate's fingerprint instead",
            where);
        tm = new TrustAllManager();
        verifier = (host, session) -> true;
      }
      default -> {
        if (options.serverName().isEmpty() && options.clientCertificate().isEmpty()) {
          return; // OkHttp's defaults (or those of the client given to the builder)
        }
        tm = systemTrustManager();
        verifier = hostNames(options.serverName());
      }
    }
    SSLSocketFactory factory = context(keyManagers(options), tm).getSocketFactory();
    if (!options.serverName().isEmpty()) {
      factory = new ServerNameSocketFactory(factory, options.serverName());
    }
    builder.sslSocketFactory(factory, tm);
    builder.hostnameVerifier(verifier);
  }

  /** OkHttp's own host name check, against {@code serverName} when one is given. */
  private static HostnameVerifier hostNames(String serverName) {
    if (serverName.isEmpty()) {
      return OkHostnameVerifier.INSTANCE;
    }
    return (host, session) -> OkHostnameVerifier.INSTANCE.verify(serverName, session);
  }

  private static KeyManager[] keyManagers(TlsOptions options) {
    if (options.clientCertificate().isEmpty()) {
      return null;
    }
    TlsOptions.ClientCertificate cc = options.clientCertificate().get();
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = new char[0];
      store.setKeyEntry("client", cc.key(), password, cc.chain().toArray(X509Certificate[]::new));
      KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      f.init(store, password);
      return f.getKeyManagers();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "cannot use the client certificate: " + e.getClass().getSimpleName(), e);
    }
  }

  private static X509TrustManager systemTrustManager() {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init((KeyStore) null);
      return firstX509(tmf.getTrustManagers());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the system's trusted CAs", e);
    }
  }

  private static X509TrustManager firstX509(TrustManager[] managers) {
    for (TrustManager tm : managers) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new IllegalStateException("no X.509 trust manager in this JVM");
  }

  /** The pinned certificate stands for the host, whatever names it carries. */
  private static HostnameVerifier pinnedHostnames(CertificateFingerprint pin) {
    return (host, session) -> {
      try {
        Certificate[] peer = session.getPeerCertificates();
        return peer.length > 0 && peer[0] instanceof X509Certificate x && pin.matches(x);
      } catch (SSLPeerUnverifiedException e) {
        return false;
      }
    };
  }

  private static SSLContext context(KeyManager[] keyManagers, X509TrustManager tm) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, new TrustManager[] {tm}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this JVM", e);
    }
  }

  static X509TrustManager caFileTrustManager(Path file) {
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
        throw new IllegalArgumentException("CA file " + file + " is not a regular file");
      }
      if (Files.size(file) > MAX_CA_FILE_BYTES) {
        throw new IllegalArgumentException("CA file " + file + " is larger than 1 MiB");
      }
      Collection<? extends Certificate> certs;
      try (InputStream in = Files.newInputStream(file)) {
        certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (certs.isEmpty()) {
        throw new IllegalArgumentException("CA file " + file + " holds no PEM certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : certs) {
        store.setCertificateEntry("ca" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      return firstX509(tmf.getTrustManagers());
    } catch (CertificateException e) {
      throw new IllegalArgumentException("CA file " + file + " is not PEM certificates", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read CA file " + file + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a trust store", e);
    }
  }

  /** Trusts exactly the certificate with the pinned fingerprint, self-signed or not. */
  static final class PinnedTrustManager implements X509TrustManager {
    private final CertificateFingerprint pin;

    PinnedTrustManager(CertificateFingerprint pin) {
      this.pin = pin;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("server sent no certificate");
      }
      if (!pin.matches(chain[0])) {
        throw new CertificateException(
            "server certificate has SHA-256 fingerprint "
                + CertificateFingerprint.of(chain[0])
                + ", not the pinned "
                + pin);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("client certificates are not checked here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  private static final class TrustAllManager implements X509TrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("client certificates are not checked here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /**
   * Opens TLS over OkHttp's socket with {@code serverName} as the peer host, so the JDK sends it as
   * SNI (it sends none for an IP address); the handshake itself stays the JDK's.
   */
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
