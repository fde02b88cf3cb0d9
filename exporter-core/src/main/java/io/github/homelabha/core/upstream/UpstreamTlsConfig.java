package io.github.homelabha.core.upstream;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Validatable;

/**
 * {@code tls_config}, as in Prometheus' {@code http_config}, plus {@code pinned_sha256}: the
 * SHA-256 fingerprint of the one certificate the upstream may present (with or without colons, as
 * {@code openssl x509 -noout -fingerprint -sha256} prints it). A pinned certificate is trusted
 * whatever host name it carries and whoever signed it, which is what a home controller's
 * self-signed certificate for {@code unifi.local} needs; any other certificate fails the handshake.
 */
public final class UpstreamTlsConfig implements Validatable {
  /** CA certificates (PEM) to trust instead of the system's. */
  public String caFile = "";

  /** Client certificate (PEM) for upstreams that require one, with {@code key_file}. */
  public String certFile = "";

  public String keyFile = "";

  /** Host name to verify the certificate against (and to send as SNI) instead of the URL's. */
  public String serverName = "";

  /** Accept any certificate. Prefer {@code pinned_sha256}: it is as easy and still safe. */
  public boolean insecureSkipVerify = false;

  public String pinnedSha256 = "";

  @Override
  public void validate(ConfigProblems problems) {
    if (!pinnedSha256.isEmpty()) {
      try {
        CertificateFingerprint.parse(pinnedSha256);
      } catch (IllegalArgumentException e) {
        problems.add("pinned_sha256", e.getMessage());
      }
      problems.require(
          !insecureSkipVerify,
          "insecure_skip_verify",
          "conflicts with pinned_sha256 (the pin already trusts that one certificate)");
    }
    problems.require(
        certFile.isEmpty() == keyFile.isEmpty(),
        certFile.isEmpty() ? "cert_file" : "key_file",
        "cert_file and key_file go together");
    problems.require(
        serverName.isEmpty() || serverName.matches("[A-Za-z0-9.-]{1,253}"),
        "server_name",
        "must be a DNS name");
    checkFile(problems, "ca_file", caFile, false);
    checkFile(problems, "cert_file", certFile, false);
    checkFile(problems, "key_file", keyFile, true);
  }

  private static void checkFile(
      ConfigProblems problems, String key, String path, boolean privateKey) {
    if (path.isEmpty()) {
      return;
    }
    try {
      PemFiles.read(path, privateKey);
    } catch (java.io.IOException e) {
      problems.add(key, e.getMessage());
    }
  }

  boolean enabled() {
    return !caFile.isEmpty()
        || !certFile.isEmpty()
        || !serverName.isEmpty()
        || insecureSkipVerify
        || !pinnedSha256.isEmpty();
  }
}
