package io.github.homelabha.core.web;

/**
 * A {@code --web.listen-address} value: {@code :9165} (all interfaces), {@code 127.0.0.1:9165},
 * {@code [::1]:9165} or {@code host:0} (a free port, for tests).
 */
public record ListenAddress(String host, int port) {

  public static ListenAddress parse(String text) {
    String s = text == null ? "" : text.trim();
    int colon = s.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "--web.listen-address must be [HOST]:PORT, e.g. :9165 or 127.0.0.1:9165, got \""
              + text
              + "\"");
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException(
          "IPv6 addresses in --web.listen-address need brackets, e.g. [::1]:9165: \""
              + text
              + "\"");
    }
    int port;
    try {
      port = Integer.parseInt(s.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "--web.listen-address has no valid port (0-65535): \"" + text + "\"");
    }
    return new ListenAddress(host.isEmpty() ? null : host, port);
  }

  /** For messages: the address as a user would type it. */
  @Override
  public String toString() {
    String h = host == null ? "" : host.contains(":") ? "[" + host + "]" : host;
    return h + ":" + port;
  }
}
