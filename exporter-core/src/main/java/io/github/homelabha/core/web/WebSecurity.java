package io.github.homelabha.core.web;

import io.javalin.http.Context;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** What {@code --web.config.file} adds to the server: TLS, basic auth and response headers. */
public interface WebSecurity {

  /** A TLS connector for the address, or null for plain HTTP. */
  ServerConnector connector(Server server, HttpConfiguration http, ListenAddress address);

  /**
   * Runs before every request: sets configured headers and rejects unauthorised requests (by
   * throwing Javalin's {@code UnauthorizedResponse} or {@code ForbiddenResponse}).
   */
  void check(Context ctx);

  /** No TLS, no authentication. */
  static WebSecurity none() {
    return new WebSecurity() {
      @Override
      public ServerConnector connector(Server server, HttpConfiguration http, ListenAddress a) {
        return null;
      }

      @Override
      public void check(Context ctx) {}
    };
  }
}
