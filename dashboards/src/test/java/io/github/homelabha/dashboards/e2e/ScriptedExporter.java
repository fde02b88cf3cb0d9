package io.github.homelabha.dashboards.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Serves exposition text the test sets, in place of an exporter: drives Prometheus and Alertmanager
 * through exact scenarios without a real cluster. The real cluster test uses the keepalived
 * exporter itself.
 */
final class ScriptedExporter implements AutoCloseable {

  private final HttpServer server;
  private volatile String metrics = "";

  ScriptedExporter() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext(
        "/metrics",
        exchange -> {
          try (exchange) {
            byte[] body = metrics.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
        });
    server.start();
  }

  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  void serve(String exposition) {
    metrics = exposition;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
