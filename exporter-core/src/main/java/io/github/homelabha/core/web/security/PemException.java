package io.github.homelabha.core.web.security;

/**
 * A PEM text that cannot be used. The message is ours and never quotes the PEM text: it may hold a
 * private key.
 */
public final class PemException extends Exception {
  PemException(String message) {
    super(message);
  }
}
