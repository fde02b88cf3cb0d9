package io.github.homelabha.unifi.client;

/** The controller's answer was not the JSON expected: malformed, truncated or of another shape. */
public final class UnifiParseException extends UnifiException {
  public UnifiParseException(String message) {
    super(Kind.PARSE, message);
  }

  public UnifiParseException(String message, Throwable cause) {
    super(Kind.PARSE, message, cause);
  }
}
