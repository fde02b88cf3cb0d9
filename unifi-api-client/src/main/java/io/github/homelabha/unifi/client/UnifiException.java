package io.github.homelabha.unifi.client;

import java.util.Locale;

/**
 * A request to the controller that did not give usable data. {@link #kind()} says why in a way a
 * program can act on; the message says it in a way a person can fix (it never contains a secret).
 */
public class UnifiException extends Exception {

  /** Why a request failed. */
  public enum Kind {
    /** No connection: refused, no route, unknown host, or the connection broke. */
    UNREACHABLE,
    /** No complete answer in time. */
    TIMEOUT,
    /** The certificate failed verification, the pinned fingerprint or the CA file. */
    TLS,
    /** Wrong user name, password or API key. */
    AUTH,
    /** The account needs a second factor: use a local account or an API key. */
    TWO_FACTOR,
    /** The controller limits logins (HTTP 429); the client waits before it tries again. */
    RATE_LIMITED,
    /** Not sent at all: logins pause after a 429 or a refused login. */
    BACKOFF,
    /** Logged in, but the account may not read this. */
    PERMISSION,
    /** The path or site does not exist on this controller. */
    NOT_FOUND,
    /** An error the controller reported in its envelope or status code. */
    API_ERROR,
    /** The answer was not the JSON expected. */
    PARSE,
    /** The answer was larger than the configured limit. */
    TOO_LARGE;

    /** Lower-case name, usable as a Prometheus label value. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Kind kind;

  public UnifiException(Kind kind, String message) {
    this(kind, message, null);
  }

  public UnifiException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
