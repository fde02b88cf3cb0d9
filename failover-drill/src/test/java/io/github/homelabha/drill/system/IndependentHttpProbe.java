package io.github.homelabha.drill.system;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A probe loop that shares no code with the drill: every {@code INTERVAL_MS} a plain socket sends
 * an HTTP/1.0 GET (on its own thread, so a slow answer does not delay the next probe) and prints
 * {@code <epoch ms of the start> ok|fail}. Lines may come out of order. Ends after {@code
 * MAX_SECONDS} or when killed.
 *
 * <p>Usage: {@code IndependentHttpProbe HOST PORT INTERVAL_MS MAX_SECONDS}
 */
public final class IndependentHttpProbe {
  private static final int TIMEOUT_MS = 3000;

  private IndependentHttpProbe() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    long interval = Long.parseLong(args[2]);
    long maxSeconds = Long.parseLong(args[3]);
    ExecutorService workers = Executors.newCachedThreadPool();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    ticker.scheduleAtFixedRate(
        () -> {
          long start = System.currentTimeMillis();
          workers.execute(
              () -> {
                boolean ok = get(host, port);
                synchronized (System.out) {
                  System.out.println(start + " " + (ok ? "ok" : "fail"));
                  System.out.flush();
                }
              });
        },
        0,
        interval,
        TimeUnit.MILLISECONDS);
    Thread.sleep(maxSeconds * 1000);
    System.exit(0);
  }

  private static boolean get(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
      s.setSoTimeout(TIMEOUT_MS);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String answer = new String(in.readNBytes(4096), StandardCharsets.US_ASCII);
      return answer.startsWith("HTTP/1.1 200") || answer.startsWith("HTTP/1.0 200");
    } catch (Exception e) {
      return false;
    }
  }
}
