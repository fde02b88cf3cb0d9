package io.github.homelabha.keepalived.dump;

/**
 * A keepalived dump that cannot be read: truncated, from an unknown layout, or with values out of
 * range. The message names the file kind and the line or field, never the line's content, because
 * dump lines may carry the VRRP password.
 */
public class DumpParseException extends Exception {
  public DumpParseException(String message) {
    super(message);
  }

  public DumpParseException(String message, Throwable cause) {
    super(message, cause);
  }
}
