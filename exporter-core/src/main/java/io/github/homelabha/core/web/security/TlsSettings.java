package io.github.homelabha.core.web.security;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The validated {@code tls_server_config}: key material already parsed from PEM, so building a
 * Jetty {@link SslContextFactory.Server} cannot fail on a file any more.
 */
final class TlsSettings {
  private final PrivateKey key;
  private final List<X509Certificate> chain;
  private final ClientAuthType clientAuth;
  private final List<X509Certificate> clientCas;
  private final ClientSanPolicy sanPolicy;
  private final TlsVersion minVersion;
  private final TlsVersion maxVersion;
  private final List<String> cipherSuites;
  private final boolean preferServerCipherSuites;

  TlsSettings(
      PrivateKey key,
      List<X509Certificate> chain,
      ClientAuthType clientAuth,
      List<X509Certificate> clientCas,
      ClientSanPolicy sanPolicy,
      TlsVersion minVersion,
      TlsVersion maxVersion,
      List<String> cipherSuites,
      boolean preferServerCipherSuites) {
    this.key = key;
    this.chain = List.copyOf(chain);
    this.clientAuth = clientAuth;
    this.clientCas = List.copyOf(clientCas);
    this.sanPolicy = sanPolicy;
    this.minVersion = minVersion;
    this.maxVersion = maxVersion;
    this.cipherSuites = List.copyOf(cipherSuites);
    this.preferServerCipherSuites = preferServerCipherSuites;
  }

  ClientSanPolicy sanPolicy() {
    return sanPolicy;
  }

  ClientAuthType clientAuth() {
    return clientAuth;
  }

  /** A new, unstarted factory; each connector needs its own because Jetty manages its lifecycle. */
  SslContextFactory.Server newSslContextFactory() {
    // The key only ever lives in this in-memory store; the password just satisfies the API.
    String storePassword = randomPassword();
    KeyStore keyStore = newStore();
    try {
      keyStore.setKeyEntry(
          "server", key, storePassword.toCharArray(), chain.toArray(new X509Certificate[0]));
    } catch (KeyStoreException e) {
      throw new IllegalStateException("cannot hold the server key in a key store", e);
    }

    KeyStore caStore = null;
    if (!clientCas.isEmpty()) {
      caStore = newStore();
      for (int i = 0; i < clientCas.size(); i++) {
        try {
          caStore.setCertificateEntry("client-ca-" + i, clientCas.get(i));
        } catch (KeyStoreException e) {
          throw new IllegalStateException("cannot hold a client CA in a trust store", e);
        }
      }
    }

    SslContextFactory.Server factory = new ClientTrustingFactory(clientAuth, caStore, sanPolicy);
    factory.setKeyStore(keyStore);
    factory.setKeyStorePassword(storePassword);
    factory.setKeyManagerPassword(storePassword);
    factory.setNeedClientAuth(clientAuth.need());
    factory.setWantClientAuth(clientAuth.want());
    factory.setIncludeProtocols(protocols());
    if (!cipherSuites.isEmpty()) {
      // Jetty's default exclusions (e.g. every *_SHA suite) would silently drop suites the user
      // asked for; the Go list is already restricted to suites Go considers secure.
      factory.setExcludeCipherSuites();
      List<String> include = new ArrayList<>(cipherSuites);
      include.removeAll(GoTlsNames.TLS13_SUITES);
      // TLS 1.3 suites stay enabled whatever the list says, as in Go.
      include.addAll(GoTlsNames.TLS13_SUITES);
      factory.setIncludeCipherSuites(include.toArray(new String[0]));
    }
    factory.setUseCipherSuitesOrder(preferServerCipherSuites);
    return factory;
  }

  private String[] protocols() {
    List<String> protocols = new ArrayList<>();
    for (TlsVersion version : TlsVersion.values()) {
      if (version.compareTo(minVersion) >= 0 && version.compareTo(maxVersion) <= 0) {
        protocols.add(version.jsseName());
      }
    }
    return protocols.toArray(new String[0]);
  }

  private static KeyStore newStore() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      return store;
    } catch (Exception e) {
      throw new IllegalStateException("the JVM cannot create a PKCS12 key store", e);
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Replaces Jetty's trust store handling with the Go client-auth semantics. */
  private static final class ClientTrustingFactory extends SslContextFactory.Server {
    private final ClientAuthType clientAuth;
    private final KeyStore clientCas;
    private final ClientSanPolicy sanPolicy;

    ClientTrustingFactory(
        ClientAuthType clientAuth, KeyStore clientCas, ClientSanPolicy sanPolicy) {
      this.clientAuth = clientAuth;
      this.clientCas = clientCas;
      this.sanPolicy = sanPolicy;
    }

    @Override
    protected TrustManager[] getTrustManagers(KeyStore trustStore, Collection<? extends CRL> crls)
        throws Exception {
      return ClientCertificateTrust.create(clientAuth, clientCas, sanPolicy);
    }
  }
}
