package io.github.homelabha.drill.system;

import com.sun.net.httpserver.HttpServer;
import io.github.homelabha.keepalived.KeepalivedExporterMain;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The services of one test node, run inside its network namespace: an HTTP service that answers
 * {@code drill-ok from NODE}, and a TCP port that accepts connections. While the file {@code
 * STOP_FILE} exists the HTTP service is stopped (its port closed, as after {@code systemctl stop});
 * when the file is removed it starts again.
 *
 * <p>The node's keepalived exporter runs in the same JVM (one JVM start per node instead of two
 * keeps the test's set-up short on a small machine): every argument after {@code STOP_FILE} is
 * passed to it.
 *
 * <p>Usage: {@code NodeServices NODE HTTP_PORT TCP_PORT STOP_FILE EXPORTER_FLAGS...}
 */
public final class NodeServices {
  private NodeServices() {}

  public static void main(String[] args) throws Exception {
    String node = args[0];
    int httpPort = Integer.parseInt(args[1]);
    int tcpPort = Integer.parseInt(args[2]);
    Path stopFile = Path.of(args[3]);
    Thread tcp = new Thread(() -> acceptForever(tcpPort), "tcp");
    tcp.setDaemon(true);
    tcp.start();
    KeepalivedExporterMain.main(Arrays.copyOfRange(args, 4, args.length));
    HttpServer http = null;
    while (true) {
      boolean stop = Files.exists(stopFile);
      if (stop && http != null) {
        http.stop(0);
        http = null;
        System.out.println("http stopped");
      } else if (!stop && http == null) {
        http = startHttp(node, httpPort);
        System.out.println("http started on " + httpPort);
      }
      Thread.sleep(10);
    }
  }

  private static HttpServer startHttp(String node, int port) throws IOException {
    HttpServer server;
    while (true) {
      try {
        server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 50);
        break;
      } catch (java.net.BindException e) {
        // the previous listener's socket is still closing
        try {
          Thread.sleep(10);
        } catch (InterruptedException ie) {
          throw new IOException(ie);
        }
      }
    }
    byte[] body = ("drill-ok from " + node + "\n").getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }

  private static void acceptForever(int port) {
    try (ServerSocket server = new ServerSocket()) {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress("0.0.0.0", port), 50);
      while (true) {
        Socket s = server.accept();
        s.close();
      }
    } catch (IOException e) {
      System.out.println("tcp listener ended: " + e);
    }
  }
}
