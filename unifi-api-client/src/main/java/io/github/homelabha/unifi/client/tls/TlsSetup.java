package io.github.homelabha.unifi.client.tls;

import java.io.IOException;
import java.io.InputStream;
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
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
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
    switch (options.mode()) {
      case SYSTEM_CA -> {}
      case CA_FILE -> {
        X509TrustManager tm = caFileTrustManager(options.caFile());
        builder.sslSocketFactory(context(tm).getSocketFactory(), tm);
      }
      case PINNED -> {
        CertificateFingerprint pin = options.fingerprint();
        X509TrustManager tm = new PinnedTrustManager(pin);
        builder.sslSocketFactory(context(tm).getSocketFactory(), tm);
        builder.hostnameVerifier(pinnedHostnames(pin));
      }
      case INSECURE -> {
        LOG.warn(
            "TLS certificate checks are OFF for {}: anyone on the network path can read the"
                + " credentials; pin the certificate's fingerprint instead",
            where);
        X509TrustManager tm = new TrustAllManager();
        builder.sslSocketFactory(context(tm).getSocketFactory(), tm);
        builder.hostnameVerifier((host, session) -> true);
      }
    }
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

  private static SSLContext context(X509TrustManager tm) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {tm}, new SecureRandom());
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
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          return x;
        }
      }
      throw new IllegalStateException("no X.509 trust manager in this JVM");
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
}
