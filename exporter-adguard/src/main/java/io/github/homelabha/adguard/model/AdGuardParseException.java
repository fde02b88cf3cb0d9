package io.github.homelabha.adguard.model;

/** An AdGuard Home answer that is not what its API promises (not JSON, wrong shape or types). */
public final class AdGuardParseException extends Exception {
  public AdGuardParseException(String message) {
    super(message);
  }

  public AdGuardParseException(String message, Throwable cause) {
    super(message, cause);
  }
}
