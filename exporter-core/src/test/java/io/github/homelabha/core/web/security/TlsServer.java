package io.github.homelabha.core.web.security;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** A bare Jetty server on 127.0.0.1 and a free port, answering "ok" over the web config's TLS. */
final class TlsServer implements AutoCloseable {
  private final Server server = new Server();
  private final ServerConnector connector;

  TlsServer(WebConfig config) throws Exception {
    connector =
        TlsConnectors.httpsConnector(
            server, new HttpConfiguration(), config.tls().orElseThrow(), "127.0.0.1", 0);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(200);
            Content.Sink.write(
                response, true, "ok " + request.getConnectionMetaData().getProtocol(), callback);
            return true;
          }
        });
    server.start();
  }

  String url() {
    return "https://127.0.0.1:" + connector.getLocalPort() + "/";
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
