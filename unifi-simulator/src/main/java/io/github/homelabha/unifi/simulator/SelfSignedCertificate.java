package io.github.homelabha.unifi.simulator;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate generated at start, as a UniFi console has: self-signed and issued to a name such
 * as {@code unifi.local} rather than to the address clients connect to. Clients trust it by its
 * SHA-256 fingerprint.
 */
public final class SelfSignedCertificate {
  private final KeyPair keyPair;
  private final X509Certificate certificate;

  private SelfSignedCertificate(KeyPair keyPair, X509Certificate certificate) {
    this.keyPair = keyPair;
    this.certificate = certificate;
  }

  /** A fresh EC P-256 key and a certificate valid for a year, for {@code hostNames}. */
  public static SelfSignedCertificate generate(List<String> hostNames) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair keyPair = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=" + hostNames.get(0) + ",O=UniFi simulator");
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(64, new SecureRandom()),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(365))),
              subject,
              keyPair.getPublic());
      GeneralName[] names =
          hostNames.stream()
              .map(n -> new GeneralName(GeneralName.dNSName, n))
              .toArray(GeneralName[]::new);
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      ContentSigner signer =
          new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate());
      X509Certificate cert =
          new JcaX509CertificateConverter().getCertificate(builder.build(signer));
      return new SelfSignedCertificate(keyPair, cert);
    } catch (Exception e) {
      throw new IllegalStateException("cannot generate the simulator's certificate", e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** SHA-256 of the DER certificate as {@code AA:BB:...}, the way openssl and browsers print it. */
  public String sha256Fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The certificate in PEM form, for clients that trust it as a CA file. */
  public String pem() {
    try {
      String base64 =
          java.util.Base64.getMimeEncoder(
                  64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A server-side TLS context presenting this certificate. */
  public SSLContext serverContext() {
    try {
      char[] password = "simulator".toCharArray();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "server", keyPair.getPrivate(), password, new X509Certificate[] {certificate});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, new SecureRandom());
      return context;
    } catch (Exception e) {
      throw new IllegalStateException("cannot build the simulator's TLS context", e);
    }
  }
}
