package io.github.homelabha.core.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up and memory of a minimal exporter under several JVM flag sets: cold start to the first
 * successful scrape, RSS after 1000 scrapes and scrapes per second. Each variant is a fresh JVM;
 * all variants run in one invocation so their ratios are comparable on a noisy machine.
 *
 * <p>Usage: {@code bench/core-bench.sh} (builds, then runs this with the test classpath).
 */
public final class CoreBenchmark {
  private static final int SCRAPES = 1000;

  /** The flags the README recommends for a Raspberry Pi. */
  public static final List<String> PI_FLAGS =
      List.of(
          "-Xmx32m",
          "-Xss256k",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-XX:CICompilerCount=1",
          "-XX:ReservedCodeCacheSize=16m",
          "-XX:MaxMetaspaceSize=48m",
          "-XX:-UsePerfData",
          "-Xshare:auto");

  private record Variant(String name, List<String> flags, boolean mallocArenaOne) {}

  private record Result(String name, long firstScrapeMs, double rssMib, double scrapesPerSecond) {}

  public static void main(String[] args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    Path cds = Files.createTempDirectory("bench-cds").resolve("exporter.jsa");

    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("JVM defaults", List.of(), false));
    variants.add(new Variant("Pi flags", PI_FLAGS, true));
    List<String> dump = new ArrayList<>(PI_FLAGS);
    dump.add("-XX:ArchiveClassesAtExit=" + cds);
    variants.add(new Variant("Pi flags, recording a class-data archive", dump, true));
    List<String> withCds = new ArrayList<>(PI_FLAGS);
    withCds.add("-XX:SharedArchiveFile=" + cds);
    variants.add(new Variant("Pi flags + class-data archive (AppCDS)", withCds, true));

    System.out.printf(
        "java: %s %s%n", System.getProperty("java.vm.name"), System.getProperty("java.version"));
    System.out.printf(
        "%-42s %18s %14s %12s%n", "variant", "first scrape (ms)", "RSS (MiB)", "scrapes/s");
    for (Variant v : variants) {
      Result r = run(java, classpath, v);
      System.out.printf(
          "%-42s %18d %14.1f %12.0f%n",
          r.name(), r.firstScrapeMs(), r.rssMib(), r.scrapesPerSecond());
    }
  }

  private static Result run(String java, String classpath, Variant v) throws Exception {
    int port = freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(v.flags());
    cmd.addAll(
        List.of(
            "-cp",
            classpath,
            "io.github.homelabha.core.fixtures.FakeExporterMain",
            "--web.listen-address=127.0.0.1:" + port,
            "--log.level=warn"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    if (v.mallocArenaOne()) {
      pb.environment().put("MALLOC_ARENA_MAX", "1");
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest scrape =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
    long start = System.nanoTime();
    Process p = pb.start();
    try {
      long firstMs = -1;
      long deadline = start + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        try {
          HttpResponse<String> r = client.send(scrape, HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200 && r.body().contains("fake_up 1")) {
            firstMs = (System.nanoTime() - start) / 1_000_000;
            break;
          }
        } catch (IOException e) {
          Thread.sleep(5); // not listening yet
        }
      }
      if (firstMs < 0) {
        throw new IllegalStateException(v.name() + ": no successful scrape within 60 s");
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < SCRAPES; i++) {
        client.send(scrape, HttpResponse.BodyHandlers.ofString());
      }
      double perSecond = SCRAPES / ((System.nanoTime() - t0) / 1e9);
      double rss = rssMib(p.pid());
      return new Result(v.name(), firstMs, rss, perSecond);
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  private static double rssMib(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
