package io.github.homelabha.core.upstream;

import io.github.homelabha.core.api.Secret;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** {@code proxy_url}: an HTTP proxy ({@code http://[user:password@]host:port}) or SOCKS5. */
record UpstreamProxy(Proxy proxy, Optional<String> user, Optional<Secret> password) {

  static UpstreamProxy parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    Proxy.Type type =
        switch (scheme) {
          case "http" -> Proxy.Type.HTTP;
          case "socks5" -> Proxy.Type.SOCKS;
          default ->
              throw new IllegalArgumentException("must be http://host:port or socks5://host:port");
        };
    if (uri.getHost() == null || uri.getPort() < 1) {
      throw new IllegalArgumentException("needs a host and a port, e.g. http://proxy.lan:3128");
    }
    Optional<String> user = Optional.empty();
    Optional<Secret> password = Optional.empty();
    String info = uri.getRawUserInfo();
    if (info != null) {
      if (type == Proxy.Type.SOCKS) {
        throw new IllegalArgumentException("SOCKS proxies with a password are not supported");
      }
      int colon = info.indexOf(':');
      user = Optional.of(decode(colon < 0 ? info : info.substring(0, colon)));
      password = Optional.of(Secret.of(colon < 0 ? "" : decode(info.substring(colon + 1))));
    }
    return new UpstreamProxy(
        new Proxy(type, InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort())),
        user,
        password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
