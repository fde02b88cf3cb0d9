package io.github.homelabha.unifi.exporter.config;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Validatable;
import io.github.homelabha.unifi.client.tls.CertificateFingerprint;
import io.github.homelabha.unifi.client.tls.TlsOptions;
import java.nio.file.Path;

/**
 * {@code tls_config} of a controller, with the keys of Prometheus' {@code http_config}: {@code
 * ca_file}, {@code insecure_skip_verify}, and {@code pinned_sha256} for the self-signed certificate
 * of a console. At most one of the three.
 */
public final class TlsConfig implements Validatable {
  /** PEM CA certificates that issued the controller's certificate; the host name is checked. */
  public String caFile = "";

  /** SHA-256 fingerprint of the controller's certificate, {@code AA:BB:...} or bare hex. */
  public String pinnedSha256 = "";

  /** No certificate check at all (logged as a warning at start). */
  public boolean insecureSkipVerify = false;

  @Override
  public void validate(ConfigProblems problems) {
    int chosen =
        (caFile.isEmpty() ? 0 : 1)
            + (pinnedSha256.isEmpty() ? 0 : 1)
            + (insecureSkipVerify ? 1 : 0);
    if (chosen > 1) {
      problems.add("", "set only one of ca_file, pinned_sha256, insecure_skip_verify");
    }
    if (!pinnedSha256.isEmpty()) {
      try {
        CertificateFingerprint.parse(pinnedSha256);
      } catch (IllegalArgumentException e) {
        problems.add("pinned_sha256", e.getMessage());
      }
    }
  }

  /** The client's TLS options for this configuration. */
  public TlsOptions toOptions() {
    if (!pinnedSha256.isEmpty()) {
      return TlsOptions.pinned(pinnedSha256);
    }
    if (!caFile.isEmpty()) {
      return TlsOptions.caFile(Path.of(caFile));
    }
    return insecureSkipVerify ? TlsOptions.insecure() : TlsOptions.systemCa();
  }
}
