package io.github.homelabha.sync.canary;

/** A canary file that is not in our format (garbled, truncated, written by something else). */
public final class CanaryParseException extends Exception {
  public CanaryParseException(String message) {
    super(message);
  }
}
