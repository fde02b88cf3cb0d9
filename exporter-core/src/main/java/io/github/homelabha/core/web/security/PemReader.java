package io.github.homelabha.core.web.security;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads certificates and private keys from PEM text the way Go's {@code tls.X509KeyPair} does:
 * PKCS#1 ({@code RSA PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY}, with or without a leading {@code
 * EC PARAMETERS} block) and PKCS#8 ({@code PRIVATE KEY}); blocks of other types are skipped.
 *
 * <p>Error messages never quote the input, and Bouncy Castle's own messages are not passed on
 * because they can echo decoded bytes.
 */
public final class PemReader {
  private PemReader() {}

  /** Every certificate in the text, in file order (leaf first for a chain). */
  public static List<X509Certificate> certificates(String pem) throws PemException {
    List<X509Certificate> certificates = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object;
      while ((object = parser.readObject()) != null) {
        if (object instanceof X509CertificateHolder holder) {
          certificates.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException | CertificateException | RuntimeException e) {
      throw new PemException("malformed PEM certificate data");
    }
    if (certificates.isEmpty()) {
      throw new PemException("no PEM certificate found");
    }
    return certificates;
  }

  /** The first private key in the text. */
  public static PrivateKey privateKey(String pem) throws PemException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object;
      while ((object = parser.readObject()) != null) {
        if (object instanceof PEMKeyPair pair) {
          // only the private half is needed; the public key is optional in SEC1
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (object instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (object instanceof PEMEncryptedKeyPair
            || object instanceof PKCS8EncryptedPrivateKeyInfo) {
          throw new PemException("encrypted private keys are not supported");
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new PemException("malformed or unsupported PEM private key");
    }
    throw new PemException("no PEM private key found");
  }

  /**
   * Fails unless {@code key} belongs to {@code certificate}: signs a probe with the key and checks
   * it with the certificate's public key, which works the same for every key type.
   */
  public static void requireMatch(PrivateKey key, X509Certificate certificate) throws PemException {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          default ->
              throw new PemException(
                  "unsupported private key algorithm "
                      + key.getAlgorithm()
                      + " (RSA, EC, Ed25519)");
        };
    byte[] probe = "homelab-ha key match probe".getBytes(StandardCharsets.US_ASCII);
    boolean matches;
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      matches = verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      matches = false;
    }
    if (!matches) {
      throw new PemException("private key does not match the certificate's public key");
    }
  }
}
