package io.github.homelabha.launcher.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a main class of this JVM's own class path as a child process: the simulators ship inside
 * the ha-exporters jar, so the demo needs no other download.
 */
final class JavaChild {
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private JavaChild() {}

  static ChildProcess start(String name, Path log, String mainClass, List<String> args)
      throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xmx96m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    return ChildProcess.start(name, log, command);
  }

  /** A file only its owner can read, for the passwords the demo invents. */
  static Path secretFile(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return Files.writeString(file, content);
  }

  /**
   * Waits until the child accepts connections on {@code port} of 127.0.0.1, so the exporters' first
   * scrape already finds it; fails if it exits or takes longer than a minute.
   */
  static void awaitListening(ChildProcess child, int port)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        return;
      } catch (IOException notYet) {
        if (!child.isAlive()) {
          throw new IOException(child + " stopped; see " + child.log(), notYet);
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IOException(child + " did not start listening; see " + child.log(), notYet);
        }
        Thread.sleep(100);
      }
    }
  }

  /** A port of 127.0.0.1 free at this moment, for a child that cannot report the one it took. */
  static int freeLoopbackPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
