package io.github.homelabha.drill.system;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A probe loop that shares no code with the drill: every {@code INTERVAL_MS} a plain socket sends
 * an HTTP/1.0 GET and prints {@code <epoch ms> ok|fail}. Runs until killed, at most {@code
 * MAX_SECONDS}.
 *
 * <p>Usage: {@code IndependentHttpProbe HOST PORT INTERVAL_MS MAX_SECONDS}
 */
public final class IndependentHttpProbe {
  private IndependentHttpProbe() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    long interval = Long.parseLong(args[2]);
    long end = System.currentTimeMillis() + Long.parseLong(args[3]) * 1000;
    long next = System.currentTimeMillis();
    while (System.currentTimeMillis() < end) {
      long start = System.currentTimeMillis();
      boolean ok = get(host, port);
      System.out.println(start + " " + (ok ? "ok" : "fail"));
      System.out.flush();
      next += interval;
      long sleep = next - System.currentTimeMillis();
      if (sleep > 0) {
        Thread.sleep(sleep);
      } else {
        next = System.currentTimeMillis();
      }
    }
  }

  private static boolean get(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      s.setSoTimeout(500);
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
