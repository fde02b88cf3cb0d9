package io.github.homelabha.core.web.security;

import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The {@code --web.config.file}: TLS, client certificates, basic auth, extra response headers and a
 * rate limit, in the file format of the Prometheus exporter-toolkit, so the {@code web-config.yml}
 * of a node_exporter works unchanged. See {@code exporter-core/WEB-CONFIG.md} for the keys.
 *
 * <p>Unlike the Go exporters, the file is read once at start-up: every file it names is read and
 * checked then, so a bad certificate is a start-up error rather than a failing handshake later.
 * Restart the exporter to pick up renewed certificates.
 */
public final class WebConfig {
  private static final WebConfig NONE =
      new WebConfig(null, BasicAuthVerifier.of(Map.of()), Map.of(), null, true, List.of());

  private final TlsSettings tls;
  private final BasicAuthVerifier basicAuth;
  private final Map<String, String> responseHeaders;
  private final RequestRateLimiter rateLimiter;
  private final RequestRateLimiter failedAuthRateLimiter;
  private final boolean http2;
  private final List<String> notices;

  WebConfig(
      TlsSettings tls,
      BasicAuthVerifier basicAuth,
      Map<String, String> responseHeaders,
      RequestRateLimiter rateLimiter,
      boolean http2,
      List<String> notices) {
    this.tls = tls;
    this.basicAuth = basicAuth;
    this.responseHeaders = Map.copyOf(responseHeaders);
    this.rateLimiter = rateLimiter;
    this.failedAuthRateLimiter =
        rateLimiter == null
            ? null
            : new RequestRateLimiter(rateLimiter.interval(), rateLimiter.burst());
    this.http2 = http2;
    this.notices = List.copyOf(notices);
  }

  /**
   * Reads, validates and checks a web config file and every file it names. Relative paths are
   * resolved against the file's directory.
   *
   * @throws InvalidConfigException listing every problem with its key path; messages name files but
   *     never quote their content, a password or a hash
   */
  public static WebConfig load(Path file) throws InvalidConfigException {
    return new WebConfigLoader(file).load();
  }

  /** No web config file: plain HTTP, no authentication, no extra headers. */
  public static WebConfig none() {
    return NONE;
  }

  public boolean tlsEnabled() {
    return tls != null;
  }

  /**
   * A new Jetty SSL context factory for one connector (see {@link TlsConnectors#httpsConnector}),
   * or empty when the file configures no TLS. Each call returns a fresh, unstarted instance.
   */
  public Optional<SslContextFactory.Server> tls() {
    return tls == null ? Optional.empty() : Optional.of(tls.newSslContextFactory());
  }

  /**
   * The basic auth check; never null. When no user is configured, {@link
   * BasicAuthVerifier#required()} is false and every request passes without credentials.
   */
  public BasicAuthVerifier basicAuth() {
    return basicAuth;
  }

  /** Headers to set on every response ({@code http_server_config.headers}), already validated. */
  public Map<String, String> responseHeaders() {
    return responseHeaders;
  }

  /**
   * The request rate limit, if {@code rate_limit.interval} is set and not zero. With basic auth it
   * counts authenticated requests only, so anonymous requests cannot use up Prometheus' tokens.
   */
  public Optional<RequestRateLimiter> rateLimiter() {
    return Optional.ofNullable(rateLimiter);
  }

  /**
   * The same limit as {@link #rateLimiter()} on a bucket of its own, for requests that failed
   * authentication.
   */
  public Optional<RequestRateLimiter> failedAuthRateLimiter() {
    return Optional.ofNullable(failedAuthRateLimiter);
  }

  /**
   * {@code http_server_config.http2} as written (default true). The server speaks HTTP/1.1 only, so
   * the value has no effect; it is kept so the file stays valid and can be shown.
   */
  public boolean http2() {
    return http2;
  }

  /**
   * Settings that are accepted but work differently on the JVM than in Go (e.g. {@code
   * curve_preferences}); the server should log them once at start-up. Never secret.
   */
  public List<String> notices() {
    return notices;
  }

  /**
   * Whether a request's client certificate satisfies {@code client_allowed_sans}; pass the {@code
   * jakarta.servlet.request.X509Certificate} request attribute. True when no SAN list is
   * configured. The TLS handshake already refuses such clients; this is the same rule for a second
   * look at request level.
   */
  public boolean clientCertificateAllowed(Object x509CertificateAttribute) {
    if (tls == null || tls.sanPolicy() == null) {
      return true;
    }
    if (!(x509CertificateAttribute instanceof Certificate[] certificates)) {
      return false;
    }
    X509Certificate[] chain =
        Arrays.stream(certificates)
            .filter(X509Certificate.class::isInstance)
            .map(X509Certificate.class::cast)
            .toArray(X509Certificate[]::new);
    return tls.sanPolicy().allows(chain);
  }
}
