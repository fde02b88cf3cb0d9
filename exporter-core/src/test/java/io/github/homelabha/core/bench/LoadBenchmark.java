package io.github.homelabha.core.bench;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The minimal exporter under hostile and heavy load, in a child JVM started with the README's Pi
 * flags, over real HTTP on 127.0.0.1:
 *
 * <ul>
 *   <li>{@code flood [seconds]}: 20 connections send wrong passwords (bcrypt cost 10) while one
 *       client scrapes with valid, cached credentials; prints that scrape's latency idle and during
 *       the flood, and how the flood was answered.
 *   <li>{@code clients [seconds]}: 20 clients scrape as fast as they can; prints RSS and threads
 *       idle, then every 10 s, and their growth from the first sample under load (after 10 s of
 *       warm-up: Jetty's threads and buffers for 20 connections, compiled code) to the last.
 * </ul>
 *
 * <p>Usage: {@code bench/load-bench.sh flood|clients [seconds]}. With {@code
 * -Dbench.exporter.classpath=...} the child runs another build (to measure before and after a
 * change). Every loop is bounded by the duration given; the child is stopped by its PID.
 */
public final class LoadBenchmark {
  private static final String PASSWORD = "scrape-me-please";
  private static final int CLIENTS = 20;

  public static final List<String> PI_FLAGS =
      List.of(
          "-Xmx32m",
          "-Xms4m",
          "-Xss256k",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-XX:CICompilerCount=1",
          "-XX:ReservedCodeCacheSize=16m",
          "-XX:MaxMetaspaceSize=48m",
          "-XX:-UsePerfData");

  private LoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "flood";
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : mode.equals("flood") ? 30 : 60;
    Path work = Files.createTempDirectory("load-bench");
    String hash =
        new String(BCrypt.withDefaults().hash(10, PASSWORD.toCharArray()), StandardCharsets.UTF_8);
    Path webConfig = work.resolve("web-config.yml");
    Files.writeString(webConfig, "basic_auth_users:\n  prometheus: " + hash + "\n");
    int port = freePort();
    Process exporter = start(port, webConfig);
    try {
      URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
      awaitUp(metrics, exporter);
      if (mode.equals("flood")) {
        flood(metrics, exporter, seconds);
      } else {
        clients(metrics, exporter, seconds);
      }
    } finally {
      exporter.destroy();
      if (!exporter.waitFor(10, TimeUnit.SECONDS)) {
        exporter.destroyForcibly();
      }
    }
  }

  private static Process start(int port, Path webConfig) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        System.getProperty("bench.exporter.classpath", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(List.of(java));
    cmd.addAll(PI_FLAGS);
    cmd.addAll(
        List.of(
            "-cp",
            classpath,
            "io.github.homelabha.core.fixtures.FakeExporterMain",
            "--web.listen-address=127.0.0.1:" + port,
            "--web.config.file=" + webConfig,
            "--log.level=warn"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("MALLOC_ARENA_MAX", "1");
    return pb.start();
  }

  private static void flood(URI metrics, Process exporter, int seconds) throws Exception {
    HttpClient valid = client();
    List<Long> idle = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      idle.add(timedScrape(valid, metrics, PASSWORD).millis);
    }
    long cpuBefore = cpuMillis(exporter.pid());
    AtomicBoolean stop = new AtomicBoolean();
    Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
    List<Thread> flooders = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      HttpClient c = client();
      int n = i;
      Thread t =
          new Thread(
              () -> {
                while (!stop.get()) {
                  int code;
                  try {
                    code = timedScrape(c, metrics, "wrong-" + n).status;
                  } catch (Exception e) {
                    code = -1;
                  }
                  answers.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
                }
              },
              "flood-" + i);
      t.setDaemon(true);
      t.start();
      flooders.add(t);
    }
    List<Long> during = new ArrayList<>();
    List<Integer> duringStatus = new ArrayList<>();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      Timed t;
      try {
        t = timedScrape(valid, metrics, PASSWORD);
      } catch (IOException e) {
        t = new Timed(-1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - end));
      }
      during.add(t.millis);
      duringStatus.add(t.status);
      Thread.sleep(250);
    }
    stop.set(true);
    for (Thread t : flooders) {
      t.join(60_000);
    }
    long cpu = cpuMillis(exporter.pid()) - cpuBefore;
    System.out.printf(
        "valid cached scrape, idle: p50 %d ms, max %d ms (%d scrapes)%n",
        percentile(idle, 50), percentile(idle, 100), idle.size());
    System.out.printf(
        "valid cached scrape during %d s of %d wrong-password connections: p50 %d ms, p90 %d ms,"
            + " max %d ms (%d scrapes, statuses %s)%n",
        seconds,
        CLIENTS,
        percentile(during, 50),
        percentile(during, 90),
        percentile(during, 100),
        during.size(),
        new TreeMap<>(count(duringStatus)));
    System.out.printf(
        "wrong-password requests answered: %s; exporter CPU during the flood: %.1f s%n",
        new TreeMap<>(answers), cpu / 1000.0);
  }

  private static void clients(URI metrics, Process exporter, int seconds) throws Exception {
    Map<String, Long> idle = status(exporter.pid());
    System.out.printf(
        "idle after one scrape: RSS %.1f MiB, %d threads%n",
        idle.getOrDefault("VmRSS", 0L) / 1024.0, idle.getOrDefault("Threads", 0L));
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong scrapes = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      HttpClient c = client();
      Thread t =
          new Thread(
              () -> {
                while (!stop.get()) {
                  try {
                    if (timedScrape(c, metrics, PASSWORD).status == 200) {
                      scrapes.incrementAndGet();
                    } else {
                      failures.incrementAndGet();
                    }
                  } catch (Exception e) {
                    failures.incrementAndGet();
                  }
                }
              },
              "client-" + i);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    double firstRss = -1;
    long firstThreads = -1;
    double lastRss = 0;
    long lastThreads = 0;
    System.out.println("  s  RSS MiB  threads  scrapes");
    while (System.nanoTime() < end) {
      Thread.sleep(Math.min(10_000, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()) + 1));
      Map<String, Long> status = status(exporter.pid());
      lastRss = status.getOrDefault("VmRSS", 0L) / 1024.0;
      lastThreads = status.getOrDefault("Threads", 0L);
      long at = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      System.out.printf("%3d  %7.1f  %7d  %7d%n", at, lastRss, lastThreads, scrapes.get());
      if (firstRss < 0) {
        firstRss = lastRss;
        firstThreads = lastThreads;
      }
    }
    stop.set(true);
    for (Thread t : threads) {
      t.join(60_000);
    }
    System.out.printf(
        "%d clients for %d s: %d scrapes, %d failed; RSS %.1f -> %.1f MiB (%+.1f %%) from the"
            + " first sample at 10 s, threads %d -> %d%n",
        CLIENTS,
        seconds,
        scrapes.get(),
        failures.get(),
        firstRss,
        lastRss,
        100 * (lastRss - firstRss) / firstRss,
        firstThreads,
        lastThreads);
  }

  private record Timed(int status, long millis) {}

  private static Timed timedScrape(HttpClient client, URI uri, String password)
      throws IOException, InterruptedException {
    String basic =
        Base64.getEncoder()
            .encodeToString(("prometheus:" + password).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Basic " + basic)
            .timeout(Duration.ofSeconds(60))
            .build();
    long t0 = System.nanoTime();
    HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
    return new Timed(r.statusCode(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
  }

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static void awaitUp(URI metrics, Process exporter) throws Exception {
    HttpClient c = client();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && exporter.isAlive()) {
      try {
        if (timedScrape(c, metrics, PASSWORD).status == 200) {
          return;
        }
      } catch (IOException e) {
        Thread.sleep(20); // not listening yet
      }
    }
    throw new IllegalStateException("the exporter did not answer within 60 s");
  }

  private static long percentile(List<Long> values, int p) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static Map<Integer, Long> count(List<Integer> values) {
    Map<Integer, Long> counts = new TreeMap<>();
    values.forEach(v -> counts.merge(v, 1L, Long::sum));
    return counts;
  }

  private static Map<String, Long> status(long pid) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      String[] kv = line.split(":\\s+", 2);
      if (kv.length == 2) {
        try {
          out.put(kv[0], Long.parseLong(kv[1].replace(" kB", "").trim()));
        } catch (NumberFormatException e) {
          // not a number field
        }
      }
    }
    return out;
  }

  /** utime + stime of the process, in milliseconds (clock ticks of 1/100 s). */
  private static long cpuMillis(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
