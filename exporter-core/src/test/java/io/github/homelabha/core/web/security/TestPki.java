package io.github.homelabha.core.web.security;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** Creates CAs, server and client certificates at test time, and writes them as PEM. */
final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  enum KeyType {
    RSA,
    EC
  }

  /** The PEM encodings of a private key that real tools produce. */
  enum KeyFormat {
    /** openssl genrsa (1.x), {@code BEGIN RSA PRIVATE KEY} */
    PKCS1_RSA(KeyType.RSA, "-----BEGIN RSA PRIVATE KEY-----"),
    /** openssl ecparam -genkey, {@code BEGIN EC PARAMETERS} then {@code BEGIN EC PRIVATE KEY} */
    SEC1_EC(KeyType.EC, "-----BEGIN EC PRIVATE KEY-----"),
    /** openssl genpkey, {@code BEGIN PRIVATE KEY} */
    PKCS8_RSA(KeyType.RSA, "-----BEGIN PRIVATE KEY-----"),
    PKCS8_EC(KeyType.EC, "-----BEGIN PRIVATE KEY-----");

    final KeyType type;
    final String header;

    KeyFormat(KeyType type, String header) {
      this.type = type;
      this.header = header;
    }
  }

  record Issued(X509Certificate certificate, KeyPair keys) {}

  private TestPki() {}

  static KeyPair keyPair(KeyType type) throws Exception {
    if (type == KeyType.RSA) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    }
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  static Issued ca(String name) throws Exception {
    return issue(null, name, KeyType.EC, true, null);
  }

  static Issued intermediate(Issued parent, String name) throws Exception {
    return issue(parent, name, KeyType.EC, true, null);
  }

  /** A server certificate for 127.0.0.1 and localhost. */
  static Issued server(Issued ca, KeyType type) throws Exception {
    return issue(
        ca,
        "exporter",
        type,
        false,
        KeyPurposeId.id_kp_serverAuth,
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
        new GeneralName(GeneralName.dNSName, "localhost"));
  }

  /** A server certificate naming only {@code host}, no IP address. */
  static Issued leafForHost(Issued ca, String host) throws Exception {
    return issue(
        ca,
        host,
        KeyType.EC,
        false,
        KeyPurposeId.id_kp_serverAuth,
        new GeneralName(GeneralName.dNSName, host));
  }

  static Issued client(Issued ca, GeneralName... sans) throws Exception {
    return issue(ca, "scraper", KeyType.EC, false, KeyPurposeId.id_kp_clientAuth, sans);
  }

  private static Issued issue(
      Issued issuer,
      String name,
      KeyType type,
      boolean isCa,
      KeyPurposeId purpose,
      GeneralName... sans)
      throws Exception {
    KeyPair keys = keyPair(type);
    X500Name subject = new X500Name("CN=" + name);
    X500Name issuerName =
        issuer == null
            ? subject
            : new X500Name(issuer.certificate().getSubjectX500Principal().getName());
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuerName,
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(now.minus(1, ChronoUnit.HOURS)),
            Date.from(now.plus(1, ChronoUnit.DAYS)),
            subject,
            keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (isCa) {
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    }
    if (sans.length > 0) {
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
    }
    KeyPair signer = issuer == null ? keys : issuer.keys();
    String algorithm =
        signer.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
    return new Issued(certificate, keys);
  }

  static String certificatesPem(X509Certificate... certificates) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (X509Certificate certificate : certificates) {
        writer.writeObject(certificate);
      }
    }
    return out.toString();
  }

  static String keyPem(KeyPair keys, KeyFormat format) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      switch (format) {
        case PKCS1_RSA -> writer.writeObject(keys.getPrivate());
        case SEC1_EC -> {
          // as openssl ecparam -genkey writes it: the curve's OID first
          ASN1ObjectIdentifier prime256v1 = new ASN1ObjectIdentifier("1.2.840.10045.3.1.7");
          writer.writeObject(new PemObject("EC PARAMETERS", prime256v1.getEncoded()));
          writer.writeObject(new PemObject("EC PRIVATE KEY", sec1(keys, prime256v1)));
        }
        case PKCS8_RSA, PKCS8_EC ->
            writer.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
      }
    }
    String pem = out.toString();
    if (!pem.contains(format.header)) {
      throw new IllegalStateException("expected a " + format.header + " block");
    }
    return pem;
  }

  /**
   * SEC1 as openssl writes it, with curve and public key inside (the JDK's own encoding leaves both
   * out).
   */
  private static byte[] sec1(KeyPair keys, ASN1ObjectIdentifier curve) throws IOException {
    java.math.BigInteger d = ((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getS();
    byte[] point =
        SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded())
            .getPublicKeyData()
            .getBytes();
    return new org.bouncycastle.asn1.sec.ECPrivateKey(256, d, new DERBitString(point), curve)
        .getEncoded();
  }

  static Path write(Path dir, String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.US_ASCII);
    return file;
  }

  static X509TrustManager trusting(X509Certificate ca) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", ca);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return (X509TrustManager) factory.getTrustManagers()[0];
  }

  /**
   * Presents the client certificate even when the server names other CAs, as a misconfigured or
   * hostile client would; the JDK would otherwise quietly send no certificate at all.
   */
  private static final class AlwaysPresent extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager delegate;

    AlwaysPresent(X509ExtendedKeyManager delegate) {
      this.delegate = delegate;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return "client";
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return "client";
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {"client"};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return delegate.getPrivateKey(alias);
    }
  }

  /** A client TLS context trusting {@code ca}, presenting {@code client} when not null. */
  static SSLContext clientContext(X509TrustManager trust, Issued client) throws Exception {
    KeyManagerFactory keyManagers = null;
    if (client != null) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = "test".toCharArray();
      store.setKeyEntry(
          "client",
          client.keys().getPrivate(),
          password,
          new X509Certificate[] {client.certificate()});
      keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(store, password);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        keyManagers == null
            ? null
            : new javax.net.ssl.KeyManager[] {
              new AlwaysPresent((X509ExtendedKeyManager) keyManagers.getKeyManagers()[0])
            },
        new javax.net.ssl.TrustManager[] {trust},
        new SecureRandom());
    return context;
  }
}
