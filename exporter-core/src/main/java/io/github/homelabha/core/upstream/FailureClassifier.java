package io.github.homelabha.core.upstream;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/** Turns a transport failure into one of the documented reasons with a message for people. */
final class FailureClassifier {
  private FailureClassifier() {}

  static UpstreamException classify(String request, IOException e, boolean readingBody) {
    if (e instanceof InterruptedIOException) {
      return new UpstreamException(
          UpstreamReason.TIMEOUT,
          request
              + ": no "
              + (readingBody ? "complete " : "")
              + "answer in time (upstream slow or hanging, or the scrape ran out of time)",
          e);
    }
    if (e instanceof SSLException) {
      return new UpstreamException(
          UpstreamReason.TLS, request + ": TLS failed: " + tlsDetail(e), e);
    }
    if (e instanceof UnknownHostException) {
      return new UpstreamException(
          UpstreamReason.UNREACHABLE, request + ": unknown host " + e.getMessage(), e);
    }
    if (e instanceof ConnectException
        || e instanceof NoRouteToHostException
        || e instanceof PortUnreachableException) {
      return new UpstreamException(
          UpstreamReason.UNREACHABLE, request + ": cannot connect (" + e.getMessage() + ")", e);
    }
    if (readingBody) {
      return new UpstreamException(
          UpstreamReason.PARSE,
          request + ": the answer was cut off (" + e.getClass().getSimpleName() + ")",
          e);
    }
    return new UpstreamException(
        UpstreamReason.UNREACHABLE,
        request
            + ": connection failed ("
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage()
            + ")",
        e);
  }

  /** The most specific explanation in the chain: our pin message, or the JDK's reason. */
  private static String tlsDetail(Throwable e) {
    String detail = e.getMessage();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException && t.getMessage() != null) {
        return t.getMessage();
      }
      if (t.getMessage() != null) {
        detail = t.getMessage();
      }
    }
    return detail;
  }
}
