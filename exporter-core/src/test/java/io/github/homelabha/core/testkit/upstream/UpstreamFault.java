package io.github.homelabha.core.testkit.upstream;

/** What {@link FakeUpstream} can do wrong, and the reason an exporter reports for it. */
public enum UpstreamFault {
  CONNECTION_REFUSED("connection refused", "unreachable"),
  SLOWER_THAN_SCRAPE_TIMEOUT("slower than the scrape timeout", "timeout"),
  GARBAGE_BODY("garbage body", "parse"),
  TRUNCATED_BODY("truncated body (connection cut mid-answer)", "parse"),
  OVERSIZED_BODY("oversized body", "too_large"),
  UNAUTHORIZED("401", "auth"),
  FORBIDDEN("403", "auth"),
  TOO_MANY_REQUESTS("429 with Retry-After", "rate_limited"),
  TLS_CERTIFICATE_MISMATCH("TLS certificate for another host", "tls"),
  PINNED_FINGERPRINT_MISMATCH("pinned fingerprint mismatch", "tls");

  private final String description;
  private final String reason;

  UpstreamFault(String description, String reason) {
    this.description = description;
    this.reason = reason;
  }

  public String description() {
    return description;
  }

  /** The documented {@code reason} label for this fault. */
  public String reason() {
    return reason;
  }

  /** Faults after which the target backs off before asking again. */
  public boolean backsOff() {
    return this == UNAUTHORIZED || this == FORBIDDEN || this == TOO_MANY_REQUESTS;
  }

  /** How the fake serves TLS while this fault is tested. */
  public FakeUpstream.Tls tls() {
    return switch (this) {
      case TLS_CERTIFICATE_MISMATCH -> FakeUpstream.Tls.CA_VERIFIED;
      case PINNED_FINGERPRINT_MISMATCH -> FakeUpstream.Tls.PINNED;
      default -> FakeUpstream.Tls.PLAIN;
    };
  }
}
