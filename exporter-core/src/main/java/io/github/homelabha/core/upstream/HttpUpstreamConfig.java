package io.github.homelabha.core.upstream;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Secret;
import io.github.homelabha.core.api.Validatable;
import java.net.URI;
import java.time.Duration;

/**
 * The configuration of one HTTP upstream, embedded per target in an exporter's YAML. Keys follow
 * Prometheus' {@code http_config} where it has them:
 *
 * <pre>{@code
 * url: https://192.168.1.2:8443
 * timeout: 5s                  # per request; the scrape's remaining time bounds it too
 * basic_auth:                  # or authorization, or api_key: at most one
 *   username: prometheus
 *   password_file: /etc/prometheus-adguard-exporter/password   # or password / password_env
 * authorization:
 *   type: Bearer
 *   credentials_file: /etc/...  # or credentials / credentials_env
 * api_key_file: /etc/...        # sent as api_key_header (or api_key / api_key_env)
 * api_key_header: X-API-Key
 * tls_config:
 *   ca_file: /etc/ssl/home-ca.pem
 *   cert_file: ...
 *   key_file: ...
 *   server_name: unifi.local
 *   insecure_skip_verify: false
 *   pinned_sha256: "AB:CD:..."  # trust exactly this certificate, whatever its host name
 * proxy_url: http://proxy.lan:3128
 * follow_redirects: true        # same host only, never from https to http
 * backoff:
 *   auth: 5m                    # after 401/403, doubling up to max
 *   rate_limited: 30s           # after 429 without Retry-After, doubling up to max
 *   max: 1h
 * }</pre>
 *
 * <p>Use it as a field ({@code public HttpUpstreamConfig upstream}) or extend it with the
 * exporter's own keys; a subclass that overrides {@link #validate} calls {@code
 * super.validate(problems)}.
 */
public class HttpUpstreamConfig implements Validatable {
  public String url = "";
  public Duration timeout = Duration.ofSeconds(10);
  public BasicAuthConfig basicAuth;
  public AuthorizationConfig authorization;
  public Secret apiKey;
  public String apiKeyHeader = "X-API-Key";
  public UpstreamTlsConfig tlsConfig = new UpstreamTlsConfig();
  public String proxyUrl = "";
  public boolean followRedirects = true;
  public BackoffConfig backoff = new BackoffConfig();

  /**
   * Whether an empty {@code url} is a configuration error. Override with false where an empty URL
   * switches the upstream off.
   */
  protected boolean urlRequired() {
    return true;
  }

  @Override
  public void validate(ConfigProblems problems) {
    if (url == null || url.isEmpty()) {
      problems.require(!urlRequired(), "url", "required, e.g. https://192.168.1.2:3000");
    } else {
      validateUrl(problems);
    }
    problems.require(
        timeout != null && timeout.toMillis() > 0, "timeout", "must be positive, e.g. 5s");
    int schemes = (basicAuth != null ? 1 : 0) + (authorization != null ? 1 : 0);
    schemes += apiKey != null ? 1 : 0;
    problems.require(schemes <= 1, "", "set at most one of basic_auth, authorization and api_key");
    problems.require(
        apiKeyHeader != null && apiKeyHeader.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}"),
        "api_key_header",
        "must be an HTTP header name");
    problems.require(apiKey == null || !apiKey.value().isEmpty(), "api_key", "must not be empty");
    problems.require(tlsConfig != null, "tls_config", "must be a mapping");
    problems.require(backoff != null, "backoff", "must be a mapping");
    if (proxyUrl != null && !proxyUrl.isEmpty()) {
      try {
        UpstreamProxy.parse(proxyUrl);
      } catch (IllegalArgumentException e) {
        problems.add("proxy_url", e.getMessage());
      }
    }
    if (tlsConfig != null && tlsConfig.enabled() && url != null && url.startsWith("http:")) {
      problems.add("tls_config", "set, but url is plain http://");
    }
  }

  private void validateUrl(ConfigProblems problems) {
    try {
      URI uri = new URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        problems.add("url", "must be an http(s) URL with a host, e.g. https://192.168.1.2:3000");
      } else if (uri.getRawUserInfo() != null) {
        problems.add("url", "must not hold credentials: use basic_auth");
      } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        problems.add("url", "must not have a query or fragment");
      }
    } catch (java.net.URISyntaxException e) {
      problems.add("url", "not a URL: " + e.getReason());
    }
  }
}
