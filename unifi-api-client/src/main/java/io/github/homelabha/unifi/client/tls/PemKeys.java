package io.github.homelabha.unifi.client.tls;

import io.github.homelabha.unifi.client.tls.TlsOptions.ClientCertificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a client certificate and its private key from PEM files with the JDK's own parsers: the
 * certificates with {@link CertificateFactory}, an unencrypted PKCS#8 key with {@link KeyFactory}.
 * Messages name the file, never its content.
 */
final class PemKeys {
  /** Certificates and keys are a few KiB; a bigger file is a mistake (or a device file). */
  static final long MAX_BYTES = 1024 * 1024;

  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private PemKeys() {}

  static ClientCertificate clientCertificate(Path certFile, Path keyFile) {
    List<X509Certificate> chain = certificates(certFile);
    PrivateKey key = privateKey(keyFile);
    if (!matches(key, chain.get(0))) {
      throw new IllegalArgumentException(
          "private key " + keyFile + " does not belong to the certificate in " + certFile);
    }
    return new ClientCertificate(key, chain);
  }

  static List<X509Certificate> certificates(Path file) {
    byte[] pem = read(file, "certificate file");
    try {
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate c :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem))) {
        chain.add((X509Certificate) c);
      }
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("certificate file " + file + " holds no certificate");
      }
      return chain;
    } catch (CertificateException e) {
      throw new IllegalArgumentException(
          "certificate file " + file + " is not PEM certificates", e);
    }
  }

  static PrivateKey privateKey(Path file) {
    refuseSharedKey(file);
    String pem = new String(read(file, "key file"), StandardCharsets.US_ASCII);
    Matcher m = PKCS8.matcher(pem);
    if (!m.find()) {
      throw new IllegalArgumentException(
          "key file "
              + file
              + " holds no unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----); convert it with"
              + " openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key file " + file + " is not valid base64");
    }
    for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException e) {
        // Not this algorithm: try the next one.
      }
    }
    throw new IllegalArgumentException(
        "key file " + file + " holds no RSA, EC or Ed25519 private key");
  }

  /** Anyone who can read the key can pose as this client. */
  private static void refuseSharedKey(Path file) {
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
      if (mode.contains(PosixFilePermission.OTHERS_READ)
          || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
        throw new IllegalArgumentException(
            "key file " + file + " is readable or writable by every user: chmod o-rwx " + file);
      }
    } catch (UnsupportedOperationException e) {
      // No POSIX permissions on this file system: nothing to check.
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read key file " + file + ": " + e.getMessage());
    }
  }

  private static byte[] read(Path file, String what) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(what + " " + file + " is not a regular file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new IllegalArgumentException(what + " " + file + " is larger than 1 MiB");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + what + " " + file, e);
    }
  }

  /** Signs a probe with the key and checks it with the certificate: the same for every key type. */
  static boolean matches(PrivateKey key, X509Certificate certificate) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> "Ed25519";
        };
    byte[] probe = "unifi-api-client key probe".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
