package io.github.homelabha.core.upstream;

/**
 * Why a request to an HTTP upstream failed: the fixed set of {@code reason} label values of {@code
 * <namespace>_scrape_errors_total} for every HTTP exporter, also shown on the landing page.
 */
public enum UpstreamReason {
  /** No connection: refused, no route, unknown host, or the connection broke before the answer. */
  UNREACHABLE("unreachable"),
  /** No complete answer within the request timeout or the scrape's remaining time. */
  TIMEOUT("timeout"),
  /**
   * The TLS handshake failed: certificate not trusted, for another host name, or not the pinned
   * one. Nothing (no credentials) was sent.
   */
  TLS("tls"),
  /** 401 or 403: the upstream refused the credentials; the target then backs off. */
  AUTH("auth"),
  /** 429 Too Many Requests; the target backs off for {@code Retry-After}. */
  RATE_LIMITED("rate_limited"),
  /** Any other status outside 2xx, or a redirect the client does not follow. */
  HTTP_STATUS("http_status"),
  /** The answer is not what the exporter understands: wrong format, invalid, cut off. */
  PARSE("parse"),
  /** The answer is larger than the exporter reads. */
  TOO_LARGE("too_large"),
  /** Not asked at all: the target waits after an auth failure or a 429. */
  BACKOFF("backoff");

  private final String label;

  UpstreamReason(String label) {
    this.label = label;
  }

  /** The value of the {@code reason} label. */
  public String label() {
    return label;
  }
}
