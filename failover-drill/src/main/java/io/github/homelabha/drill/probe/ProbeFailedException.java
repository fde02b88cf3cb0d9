package io.github.homelabha.drill.probe;

/** A probe got no answer or a wrong one; the message says which. */
public final class ProbeFailedException extends Exception {
  public ProbeFailedException(String message) {
    super(message);
  }
}
