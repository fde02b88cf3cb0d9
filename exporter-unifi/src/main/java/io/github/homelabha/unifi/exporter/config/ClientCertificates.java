package io.github.homelabha.unifi.exporter.config;

import io.github.homelabha.core.io.BoundedFiles;
import io.github.homelabha.core.web.security.PemException;
import io.github.homelabha.core.web.security.PemReader;
import io.github.homelabha.unifi.client.tls.TlsOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Reads {@code tls_config.cert_file} and {@code key_file} with the core's PEM reader, the one every
 * exporter of this project uses. Who may read the key file is checked by the core's {@code
 * tls_config} validation before this runs. Messages name the file, never its content.
 */
final class ClientCertificates {
  private static final long MAX_BYTES = 1 << 20;

  private ClientCertificates() {}

  static TlsOptions.ClientCertificate read(String certFile, String keyFile) {
    try {
      List<X509Certificate> chain = PemReader.certificates(text(certFile));
      PrivateKey key = PemReader.privateKey(text(keyFile));
      PemReader.requireMatch(key, chain.get(0));
      return new TlsOptions.ClientCertificate(key, chain);
    } catch (PemException e) {
      throw new IllegalArgumentException(certFile + ", " + keyFile + ": " + e.getMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + certFile + " or " + keyFile);
    }
  }

  private static String text(String file) throws IOException {
    return new String(BoundedFiles.read(Path.of(file), MAX_BYTES), StandardCharsets.US_ASCII);
  }
}
