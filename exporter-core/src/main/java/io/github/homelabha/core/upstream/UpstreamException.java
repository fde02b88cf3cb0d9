package io.github.homelabha.core.upstream;

import io.github.homelabha.core.api.ScrapeException;
import java.util.OptionalInt;

/**
 * A failed request to an HTTP upstream. It is a {@link ScrapeException}, so a target can let it
 * propagate: the scrape then fails with {@link UpstreamReason#label()} as its reason and the
 * message in the log and on the landing page. Messages name the request (method and URL without
 * query) and never hold credentials.
 */
public final class UpstreamException extends ScrapeException {
  private final UpstreamReason upstreamReason;
  private final int status;

  public UpstreamException(UpstreamReason reason, String message) {
    this(reason, message, 0, null);
  }

  public UpstreamException(UpstreamReason reason, String message, Throwable cause) {
    this(reason, message, 0, cause);
  }

  UpstreamException(UpstreamReason reason, String message, int status, Throwable cause) {
    super(reason.label(), message, cause);
    this.upstreamReason = reason;
    this.status = status;
  }

  /** A parse failure of an answer, for the exporter's own parsers to report. */
  public static UpstreamException parse(String message, Throwable cause) {
    return new UpstreamException(UpstreamReason.PARSE, message, cause);
  }

  public UpstreamReason upstreamReason() {
    return upstreamReason;
  }

  /** The HTTP status of the answer, when the failure is about one. */
  public OptionalInt status() {
    return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }
}
