package io.github.homelabha.drill.config;

/** A {@code HOST:PORT} (or {@code [IPv6]:PORT}) address of a probed service. */
public record HostPort(String host, int port) {

  /**
   * Parses {@code text}; {@code defaultPort} is used when it names no port (0: a port is required).
   *
   * @throws IllegalArgumentException with a message fit for a configuration error
   */
  public static HostPort parse(String text, int defaultPort) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("required (HOST:PORT)");
    }
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("\"" + text + "\" has no closing ]");
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (rest.isEmpty()) {
        port = null;
      } else if (rest.startsWith(":")) {
        port = rest.substring(1);
      } else {
        throw new IllegalArgumentException("\"" + text + "\" is not [HOST]:PORT");
      }
    } else {
      int colon = text.lastIndexOf(':');
      if (colon >= 0 && text.indexOf(':') != colon) {
        throw new IllegalArgumentException("write IPv6 addresses as [ADDRESS]:PORT: " + text);
      }
      host = colon < 0 ? text : text.substring(0, colon);
      port = colon < 0 ? null : text.substring(colon + 1);
    }
    if (host.isBlank()) {
      throw new IllegalArgumentException("\"" + text + "\" names no host");
    }
    if (port == null) {
      if (defaultPort == 0) {
        throw new IllegalArgumentException("\"" + text + "\" names no port (HOST:PORT)");
      }
      return new HostPort(host, defaultPort);
    }
    try {
      int p = Integer.parseInt(port);
      if (p < 1 || p > 65535) {
        throw new NumberFormatException();
      }
      return new HostPort(host, p);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"" + port + "\" is not a port (1-65535)");
    }
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
