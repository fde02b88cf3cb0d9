package io.github.homelabha.sync.bench;

import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.RunningExporter;
import io.github.homelabha.sync.SyncExporter;
import io.github.homelabha.sync.canary.CanaryWriter;
import io.github.homelabha.sync.tree.TreeScanner;
import io.github.homelabha.sync.tree.TreeSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prints what the sync exporter costs on a large tree and how fine its lag reading is:
 *
 * <ul>
 *   <li>tree scan of N files (default 100,000): wall time per scan and files per second;
 *   <li>memory: heap after a scan, the process's RSS and peak RSS;
 *   <li>scrape cost of {@code /metrics} with that tree watched (p50/p99 over 200 scrapes);
 *   <li>canary write cost, and the lag reading's resolution: a source and a replica exporter on the
 *       same directory (zero replication delay) show the sawtooth of the canary interval.
 * </ul>
 *
 * Run with {@code exporter-sync/bench/sync-bench.sh [files] [dir]}. Everything it creates lives
 * under one directory that is deleted at the end; every loop is bounded.
 */
public final class SyncBench {
  private SyncBench() {}

  public static void main(String[] args) throws Exception {
    int files = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path base =
        args.length > 1
            ? Files.createDirectories(Path.of(args[1]))
            : Files.createTempDirectory("sync-bench");
    Path tree = Files.createDirectories(base.resolve("tree"));
    try {
      run(files, tree);
    } finally {
      deleteRecursively(tree);
      if (args.length <= 1) {
        Files.deleteIfExists(base);
      }
    }
    System.exit(0);
  }

  private static void run(int files, Path tree) throws Exception {
    System.out.printf(
        "sync-bench: %d files under %s, %d cpus, java %s%n",
        files,
        tree,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    long t0 = System.nanoTime();
    createTree(tree, files);
    System.out.printf("create tree:          %.1f s (setup, not exporter cost)%n", secs(t0));

    TreeScanner scanner =
        new TreeScanner(32, 2_000_000, name -> name.startsWith(".sync-canary"), Clock.systemUTC());
    double[] scans = new double[5];
    TreeSummary summary = null;
    for (int i = 0; i < scans.length; i++) {
      long s = System.nanoTime();
      summary = scanner.scan(tree);
      scans[i] = secs(s);
    }
    Arrays.sort(scans);
    System.out.printf(
        "tree scan:            min %.3f s, median %.3f s, max %.3f s (page cache warm), %.0f files/s%n",
        scans[0], scans[2], scans[4], summary.files() / scans[2]);
    System.out.printf(
        "tree summary:         files=%d dirs=%d bytes=%d sample=%d truncated=%s%n",
        summary.files(),
        summary.directories(),
        summary.bytes(),
        summary.sampleCount(),
        summary.truncated());
    System.out.printf(
        "scan pacing:          with tree.max_busy_fraction=0.2 the next scan waits max(5 s, %.2f s)%n",
        scans[2] * 4);
    System.gc();
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        "memory after scans:   heap used %.1f MiB, %s%n",
        (rt.totalMemory() - rt.freeMemory()) / 1048576.0, rss());

    try (RunningExporter source =
            RunningExporter.start(
                new SyncExporter(),
                "--sync.pair=bench:source:" + tree,
                "--canary.interval=1s",
                "--tree.scan-interval=5s");
        RunningExporter replica =
            RunningExporter.start(
                new SyncExporter(),
                "--sync.pair=bench:replica:" + tree,
                "--canary.interval=1s",
                "--tree.scan-interval=5s")) {
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (source.scrape().value("sync_tree_files", "pair", "bench").isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no tree summary within 120 s");
        }
        Thread.sleep(200);
      }
      ParsedMetrics first = source.scrape();
      System.out.printf(
          "exporter scan:        sync_tree_scan_duration_seconds=%.3f (background thread, min priority)%n",
          first.valueOf("sync_tree_scan_duration_seconds", "pair", "bench"));
      List<Double> scrapeMillis = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        long s = System.nanoTime();
        source.scrapeText();
        scrapeMillis.add((System.nanoTime() - s) / 1e6);
      }
      scrapeMillis.sort(Comparator.naturalOrder());
      System.out.printf(
          "scrape /metrics:      p50 %.2f ms, p99 %.2f ms, max %.2f ms (200 scrapes, 100k-file pair)%n",
          scrapeMillis.get(100), scrapeMillis.get(197), scrapeMillis.get(199));
      System.out.printf("memory with exporters: %s%n", rss());

      // The lag reading with no replication delay at all: what remains is the measurement itself.
      List<Double> lags = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        ParsedMetrics r = replica.scrape();
        r.value("sync_lag_seconds", "pair", "bench").ifPresent(lags::add);
        Thread.sleep(100);
      }
      lags.sort(Comparator.naturalOrder());
      double mean = lags.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      System.out.printf(
          "lag resolution:       canary.interval=1s, zero replication delay: lag min %.3f s, mean %.3f s,"
              + " max %.3f s over %d readings (sawtooth of one interval; canary stamps in ms)%n",
          lags.get(0), mean, lags.get(lags.size() - 1), lags.size());
    }

    String jar = System.getProperty("sync.bench.jar", "");
    if (!jar.isEmpty() && Files.exists(Path.of(jar))) {
      standaloneRss(Path.of(jar), tree, List.of());
      standaloneRss(Path.of(jar), tree, List.of("-Xmx64m", "-XX:+UseSerialGC", "-Xss512k"));
    } else {
      System.out.println(
          "standalone jar:       skipped (build exporter-sync/target/exporter-sync.jar first)");
    }

    Path canaryDir = Files.createDirectories(tree.resolve("canary-bench"));
    CanaryWriter writer = new CanaryWriter(canaryDir, ".sync-canary", "bench", Clock.systemUTC());
    long s = System.nanoTime();
    for (int i = 0; i < 1000; i++) {
      writer.writeNext();
    }
    System.out.printf(
        "canary write:         %.3f ms each (temp file + rename, 1000 writes)%n",
        secs(s) * 1000 / 1000);
  }

  /** The real jar as its own process watching the tree: its RSS after a few full scans. */
  private static void standaloneRss(Path jar, Path tree, List<String> jvmFlags) throws Exception {
    int port;
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "--web.listen-address=127.0.0.1:" + port,
            "--sync.pair=bench:source:" + tree,
            "--tree.scan-interval=1s",
            "--canary.interval=1s"));
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + port + "/metrics");
      double scans = 0;
      long deadline = System.nanoTime() + 180_000_000_000L;
      while (scans < 3 && System.nanoTime() < deadline) {
        Thread.sleep(1000);
        try {
          String body =
              http.send(
                      java.net.http.HttpRequest.newBuilder(uri).build(),
                      java.net.http.HttpResponse.BodyHandlers.ofString())
                  .body();
          for (String line : body.split("\n")) {
            if (line.startsWith("sync_tree_scans_total")) {
              scans = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
          }
        } catch (java.io.IOException e) {
          // not listening yet
        }
      }
      String status = Files.readString(Path.of("/proc/" + p.pid() + "/status"));
      String rss = "?";
      String hwm = "?";
      for (String line : status.split("\n")) {
        if (line.startsWith("VmRSS:")) {
          rss = line.substring(6).strip();
        } else if (line.startsWith("VmHWM:")) {
          hwm = line.substring(6).strip();
        }
      }
      System.out.printf(
          "standalone jar:       %s after %.0f full scans: RSS %s, peak RSS %s%n",
          jvmFlags.isEmpty() ? "default JVM flags" : String.join(" ", jvmFlags), scans, rss, hwm);
    } finally {
      p.destroy();
      if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  private static void createTree(Path root, int files) throws IOException {
    int perDir = 100;
    for (int i = 0; i < files; i++) {
      Path dir = root.resolve("d" + (i / perDir / 100)).resolve("e" + (i / perDir));
      if (i % perDir == 0) {
        Files.createDirectories(dir);
      }
      Files.write(
          dir.resolve("f" + i),
          ("file " + i + "\n").repeat(1 + i % 20).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String rss() throws IOException {
    String status = Files.readString(Path.of("/proc/self/status"));
    String rss = "?";
    String hwm = "?";
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        rss = line.substring(6).strip();
      } else if (line.startsWith("VmHWM:")) {
        hwm = line.substring(6).strip();
      }
    }
    return "RSS " + rss + ", peak RSS " + hwm + " (whole JVM incl. bench harness)";
  }

  private static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
