package io.github.homelabha.keepalived.system;

import io.github.homelabha.core.testkit.ExpositionParser;
import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.PortAllocator;
import io.github.homelabha.core.testkit.system.ManagedProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The exporter's real main in a separate JVM: as user {@code nobody} (via {@code setpriv}),
 * optionally with ambient capabilities, or behind any launcher (e.g. {@code nsenter}). For nobody
 * the test's class path is copied to a world-readable directory first, since the build's own (under
 * root's home) is not readable by nobody.
 */
final class ExporterProcess implements AutoCloseable {
  private final ManagedProcess process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private ExporterProcess(ManagedProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Copies the class path under {@code dir} once and returns it as a class path string. */
  static String worldReadableClassPath(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path src = Path.of(entry);
      if (!Files.exists(src) || entry.contains("test-classes")) {
        continue;
      }
      Path dst = dir.resolve((n++) + "-" + src.getFileName());
      if (Files.isDirectory(src)) {
        try (Stream<Path> walk = Files.walk(src)) {
          for (Path p : (Iterable<Path>) walk::iterator) {
            Path target = dst.resolve(src.relativize(p).toString());
            if (Files.isDirectory(p)) {
              Files.createDirectories(target);
            } else {
              Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
          }
        }
      } else {
        Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
      }
      entries.add(dst.toString());
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Files.setPosixFilePermissions(
            p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  /**
   * Starts {@code KeepalivedExporterMain} as nobody.
   *
   * @param ambientCaps e.g. {@code "+kill,+dac_read_search"}, or null for none
   */
  static ExporterProcess asNobody(String classPath, Path log, String ambientCaps, String... args)
      throws IOException {
    List<String> launcher =
        new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
    if (ambientCaps != null) {
      launcher.add("--inh-caps=" + ambientCaps);
      launcher.add("--ambient-caps=" + ambientCaps);
    }
    launcher.add("--");
    return start(launcher, classPath, log, args);
  }

  /** Starts {@code KeepalivedExporterMain} with this JVM's class path behind {@code launcher}. */
  static ExporterProcess start(List<String> launcher, Path log, String... args) throws IOException {
    return start(launcher, System.getProperty("java.class.path"), log, args);
  }

  private static ExporterProcess start(
      List<String> launcher, String classPath, Path log, String... args) throws IOException {
    int port = PortAllocator.freeLoopbackPort();
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(launcher);
    cmd.addAll(
        List.of(
            java,
            "-cp",
            classPath,
            "io.github.homelabha.keepalived.KeepalivedExporterMain",
            "--web.listen-address=127.0.0.1:" + port));
    cmd.addAll(List.of(args));
    return new ExporterProcess(ManagedProcess.start(cmd, log), port);
  }

  /** Threads of the exporter's JVM right now. */
  int threads() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("Threads:")) {
        return Integer.parseInt(line.substring(8).trim());
      }
    }
    throw new IOException("no thread count for pid " + process.pid());
  }

  long pid() {
    return process.pid();
  }

  String logText() {
    return process.logText();
  }

  /** GET a path; null while the exporter is not listening yet. */
  String get(String path) throws InterruptedException {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (IOException e) {
      return null;
    }
  }

  ParsedMetrics scrape() throws InterruptedException {
    String body = get("/metrics");
    return body == null ? null : ExpositionParser.parsePrometheusText(body);
  }

  @Override
  public void close() {
    process.close();
  }
}
