package io.github.homelabha.core.testkit.upstream;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for fake HTTPS upstreams, made at test time: a CA, server certificates for given
 * host names or IP addresses, and self-signed ones (as home controllers present them).
 */
public final class TestCertificates {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private TestCertificates() {}

  /** A certificate with its key. */
  public record Issued(X509Certificate certificate, KeyPair keys) {

    /**
     * For {@code MockWebServer.useHttps}: serves this certificate and, when client certificates are
     * requested, trusts those of {@code clients}.
     */
    public SSLSocketFactory serverSocketFactory(Issued... clients) throws Exception {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = "test".toCharArray();
      store.setKeyEntry("server", keys.getPrivate(), password, new X509Certificate[] {certificate});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      TrustManager[] trust = null;
      if (clients.length > 0) {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (int i = 0; i < clients.length; i++) {
          trusted.setCertificateEntry("client" + i, clients[i].certificate());
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        trust = tmf.getTrustManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), trust, null);
      return context.getSocketFactory();
    }

    /** The certificate as PEM, written to {@code dir/name} (e.g. for {@code ca_file}). */
    public Path writePem(Path dir, String name) throws IOException {
      StringWriter out = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
        writer.writeObject(certificate);
      }
      Path file = dir.resolve(name);
      Files.writeString(file, out.toString());
      return file;
    }

    /** The private key as PKCS#8 PEM, readable by the owner only. */
    public Path writeKeyPem(Path dir, String name) throws IOException {
      StringWriter out = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
        writer.writeObject(
            new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keys.getPrivate(), null));
      }
      Path file = dir.resolve(name);
      Files.writeString(file, out.toString());
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return file;
    }

    /** SHA-256 of the DER encoding, upper case with colons (as openssl prints it). */
    public String sha256Fingerprint() throws Exception {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      String hex = HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
      return hex;
    }
  }

  /** A root CA. */
  public static Issued ca(String name) throws Exception {
    return issue(null, name, true, List.of());
  }

  /** A server certificate signed by {@code ca} for host names and/or IP addresses. */
  public static Issued server(Issued ca, String... names) throws Exception {
    return issue(ca, names.length == 0 ? "server" : names[0], false, List.of(names));
  }

  /** A self-signed server certificate, as a UniFi controller or AdGuard Home makes one. */
  public static Issued selfSigned(String... names) throws Exception {
    return issue(null, names.length == 0 ? "server" : names[0], false, List.of(names));
  }

  private static Issued issue(Issued issuer, String cn, boolean isCa, List<String> names)
      throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = g.generateKeyPair();
    X500Name subject = new X500Name("CN=" + cn);
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
    if (!names.isEmpty()) {
      GeneralName[] sans =
          names.stream()
              .map(
                  n ->
                      new GeneralName(
                          n.matches("[0-9.]+|.*:.*") ? GeneralName.iPAddress : GeneralName.dNSName,
                          n))
              .toArray(GeneralName[]::new);
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
    }
    KeyPair signer = issuer == null ? keys : issuer.keys();
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    return new Issued(certificate, keys);
  }
}
