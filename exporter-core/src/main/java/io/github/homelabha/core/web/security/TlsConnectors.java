package io.github.homelabha.core.web.security;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Builds the HTTPS connector for a web config's TLS settings. */
public final class TlsConnectors {
  private TlsConnectors() {}

  /**
   * An HTTP/1.1-over-TLS connector on {@code host:port} (port 0: any free port).
   *
   * <p>The SNI host check is off: Prometheus usually scrapes by IP address, which is never sent as
   * SNI, and Jetty would otherwise answer such requests with 400 when the certificate names hosts.
   * The certificate's SANs are the client's business, as in Go.
   *
   * @param http the plain configuration; it is copied, not changed
   */
  public static ServerConnector httpsConnector(
      Server server, HttpConfiguration http, SslContextFactory.Server ssl, String host, int port) {
    HttpConfiguration https = new HttpConfiguration(http);
    https.addCustomizer(new SecureRequestCustomizer(false));
    ServerConnector connector =
        new ServerConnector(
            server,
            0, // no acceptor thread: the selector accepts too
            1,
            new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
            new HttpConnectionFactory(https));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }
}
