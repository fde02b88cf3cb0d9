package io.github.homelabha.unifi.client;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import okhttp3.Authenticator;
import okhttp3.Credentials;

/**
 * A proxy to reach the controller through: {@code http://[user:password@]host:port} (HTTPS goes
 * through it with {@code CONNECT}, so the controller's certificate is still checked end to end) or
 * {@code socks5://host:port}. Neither messages nor {@link #toString} carry the password.
 */
public final class ProxyUrl {
  private final Proxy proxy;
  private final String user;
  private final String password;

  private ProxyUrl(Proxy proxy, String user, String password) {
    this.proxy = proxy;
    this.user = user;
    this.password = password;
  }

  /**
   * @throws IllegalArgumentException when {@code url} is no such proxy URL (the message does not
   *     repeat the URL: it may hold a password)
   */
  public static ProxyUrl parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("proxy URL is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    Proxy.Type type =
        switch (scheme) {
          case "http" -> Proxy.Type.HTTP;
          case "socks5" -> Proxy.Type.SOCKS;
          default ->
              throw new IllegalArgumentException(
                  "proxy URL must be http://host:port or socks5://host:port");
        };
    if (uri.getHost() == null || uri.getPort() < 1) {
      throw new IllegalArgumentException(
          "proxy URL needs a host and a port, e.g. http://proxy.lan:3128");
    }
    String info = uri.getRawUserInfo();
    String user = null;
    String password = null;
    if (info != null) {
      if (type == Proxy.Type.SOCKS) {
        throw new IllegalArgumentException("SOCKS proxies with a password are not supported");
      }
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? "" : decode(info.substring(colon + 1));
    }
    return new ProxyUrl(
        new Proxy(type, InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort())),
        user,
        password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  public Proxy proxy() {
    return proxy;
  }

  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** The password, for callers that mask secrets in their logs. */
  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /**
   * Answers the proxy's {@code 407} (and OkHttp's pre-emptive challenge before a {@code CONNECT})
   * once with the credentials; a second refusal is final rather than a loop.
   */
  Authenticator authenticator() {
    if (user == null) {
      return Authenticator.NONE;
    }
    String header = Credentials.basic(user, password);
    return (route, response) ->
        response.request().header("Proxy-Authorization") != null
            ? null
            : response.request().newBuilder().header("Proxy-Authorization", header).build();
  }

  @Override
  public String toString() {
    InetSocketAddress a = (InetSocketAddress) proxy.address();
    return (proxy.type() == Proxy.Type.SOCKS ? "socks5://" : "http://")
        + (user == null ? "" : "***@")
        + a.getHostString()
        + ":"
        + a.getPort();
  }
}
