package io.github.homelabha.unifi.exporter.bench;

import io.github.homelabha.core.testkit.PortAllocator;
import io.github.homelabha.core.testkit.RunningExporter;
import io.github.homelabha.unifi.client.UnifiClient;
import io.github.homelabha.unifi.client.tls.TlsOptions;
import io.github.homelabha.unifi.exporter.UnifiExporter;
import io.github.homelabha.unifi.simulator.SimulatorSettings;
import io.github.homelabha.unifi.simulator.UnifiSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Prints the exporter's figures for a site of 200 devices and 2,000 clients. Every loop is bounded
 * by its round count; the simulator and any child process are stopped at the end.
 */
public final class UnifiBench {
  /** The flags the README recommends for small machines. */
  private static final String PI_FLAGS =
      "-Xmx32m -Xms4m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1"
          + " -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=48m -XX:-UsePerfData";

  /**
   * What Prometheus 3 sends by default (its scrape_protocols, UTF-8 names allowed): OpenMetrics
   * preferred, and a gzip-compressed answer.
   */
  static final String PROMETHEUS_ACCEPT =
      "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
          + "application/openmetrics-text;version=0.0.1;q=0.5,"
          + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
          + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

  private UnifiBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    Path dir = Files.createTempDirectory("unifi-bench");
    Path password = Files.writeString(dir.resolve("password"), "password\n");
    SimulatorSettings s = new SimulatorSettings();
    s.devices = 200;
    s.clients = 2000;
    s.loginsPerMinute = 5;
    try (UnifiSimulator sim = UnifiSimulator.start(s)) {
      String[] flags = {
        "--unifi.url=" + sim.baseUrl(),
        "--unifi.username=admin",
        "--unifi.password-file=" + password,
        "--unifi.tls.fingerprint=" + sim.fingerprint(),
        "--scrape.timeout=60s"
      };
      ratio(sim, flags, rounds);
      if (!Boolean.getBoolean("unifi.bench.ratioOnly")) {
        loginsPerHour(sim, flags);
        rss(sim, flags);
      }
    } finally {
      Files.deleteIfExists(password);
      Files.deleteIfExists(dir);
    }
  }

  /** Raw client fetch and full scrape, alternating in one run so both see the same machine. */
  private static void ratio(UnifiSimulator sim, String[] flags, int rounds) throws Exception {
    List<Double> raw = new ArrayList<>();
    List<Double> scrape = new ArrayList<>();
    // CPU time of this whole process (simulator, client and exporter all run in it): unlike the
    // wall clock, it does not grow when other work on the machine takes the cores
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    List<Double> rawCpu = new ArrayList<>();
    List<Double> scrapeCpu = new ArrayList<>();
    int series = 0;
    String format = "";
    String encoding = "";
    try (UnifiClient client =
            UnifiClient.builder(sim.baseUrl())
                .tls(TlsOptions.pinned(sim.fingerprint()))
                .credentials("admin", "password")
                .build();
        RunningExporter exporter = RunningExporter.start(new UnifiExporter(), flags)) {
      HttpRequest scrapeRequest =
          HttpRequest.newBuilder(URI.create(exporter.baseUrl() + "/probe?target=127.0.0.1"))
              .header("Accept", PROMETHEUS_ACCEPT)
              .header("Accept-Encoding", "gzip")
              .header("X-Prometheus-Scrape-Timeout-Seconds", "60")
              .timeout(Duration.ofSeconds(60))
              .build();
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < rounds + 5; i++) {
        long cpuA = os.getProcessCpuTime();
        long a = System.nanoTime();
        fetchLikeTheExporter(client);
        long b = System.nanoTime();
        long cpuB = os.getProcessCpuTime();
        // Received as Prometheus receives it; unpacking it is Prometheus' work, done untimed.
        HttpResponse<byte[]> answer =
            http.send(scrapeRequest, HttpResponse.BodyHandlers.ofByteArray());
        long c = System.nanoTime();
        long cpuC = os.getProcessCpuTime();
        String text = gunzipIfNeeded(answer);
        if (!text.contains("unifi_up 1") && !text.contains("unifi_up{target=\"127.0.0.1\"} 1")) {
          throw new IllegalStateException("scrape failed:\n" + text.lines().limit(20).toList());
        }
        if (i >= 5) {
          raw.add((b - a) / 1e6);
          scrape.add((c - b) / 1e6);
          rawCpu.add((cpuB - cpuA) / 1e6);
          scrapeCpu.add((cpuC - cpuB) / 1e6);
          series = (int) text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).count();
          format = answer.headers().firstValue("Content-Type").orElse("?");
          encoding = answer.headers().firstValue("Content-Encoding").orElse("identity");
        }
      }
    }
    double r = median(raw);
    double x = median(scrape);
    System.out.printf(
        Locale.ROOT,
        "site: 200 devices, 2000 clients; %d series per scrape (%s, %s)%n"
            + "raw client fetch: median %.1f ms, p90 %.1f ms (%d rounds)%n"
            + "exporter scrape:  median %.1f ms, p90 %.1f ms%n"
            + "overhead ratio (scrape / raw fetch, medians): %.2fx%n"
            + "CPU time of the process (simulator included): raw fetch median %.1f ms,"
            + " scrape median %.1f ms, ratio %.2fx%n"
            + "CPU time summed over all rounds (the OS counts it in 10 ms ticks, which a sum"
            + " averages out): raw fetch %.0f ms, scrape %.0f ms, ratio %.2fx%n",
        series,
        format,
        encoding,
        r,
        p90(raw),
        raw.size(),
        x,
        p90(scrape),
        x / r,
        median(rawCpu),
        median(scrapeCpu),
        median(scrapeCpu) / median(rawCpu),
        sum(rawCpu),
        sum(scrapeCpu),
        sum(scrapeCpu) / sum(rawCpu));
  }

  private static String gunzipIfNeeded(HttpResponse<byte[]> answer) throws IOException {
    byte[] body = answer.body();
    if (answer.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
      try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
        body = in.readAllBytes();
      }
    }
    return new String(body, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The requests one scrape of one site makes. */
  private static void fetchLikeTheExporter(UnifiClient client) throws Exception {
    client.sites();
    client.sysinfo("default");
    client.devices("default");
    client.events("default", Duration.ofHours(1), 3000);
    client.clients("default");
    client.health("default");
    client.alarms("default");
  }

  /**
   * Sessions expire every 10 s here (a console keeps them for hours); one scrape a second for 40 s
   * must cost one login per expiry and nothing more.
   */
  private static void loginsPerHour(UnifiSimulator sim, String[] flags) throws Exception {
    sim.settings().sessionTtl = Duration.ofSeconds(10);
    try (RunningExporter exporter = RunningExporter.start(new UnifiExporter(), flags)) {
      exporter.get("/probe?target=127.0.0.1");
      long before = sim.stats().loginAttempts();
      long start = System.nanoTime();
      int scrapes = 0;
      while (System.nanoTime() - start < Duration.ofSeconds(40).toNanos()) {
        exporter.get("/probe?target=127.0.0.1");
        scrapes++;
        Thread.sleep(1000);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long logins = sim.stats().loginAttempts() - before;
      System.out.printf(
          Locale.ROOT,
          "steady state: %d scrapes in %.0f s, session lifetime 10 s: %d logins = %.0f logins/hour"
              + " (session expiries/hour: %.0f); 429 answers: %d%n",
          scrapes,
          seconds,
          logins,
          logins * 3600 / seconds,
          3600 / 10.0,
          sim.stats().rateLimited());
    } finally {
      sim.settings().sessionTtl = Duration.ofHours(2);
    }
  }

  /**
   * The jar as its own process with the JVM flags of {@code unifi.bench.jvmFlags} (default: the
   * README's Raspberry Pi flags): RSS after 20 scrapes of the 200-device site.
   */
  private static void rss(UnifiSimulator sim, String[] flags) throws Exception {
    Path jar =
        Path.of(System.getProperty("unifi.bench.jar", "exporter-unifi/target/exporter-unifi.jar"));
    if (!Files.isRegularFile(jar)) {
      System.out.println("RSS: skipped, build " + jar + " first");
      return;
    }
    int port = PortAllocator.freeLoopbackPort();
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(
        List.of(System.getProperty("unifi.bench.jvmFlags", PI_FLAGS).trim().split("\\s+")));
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(List.of(flags));
    command.add("--web.listen-address=127.0.0.1:" + port);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("MALLOC_ARENA_MAX", "1");
    Process p = builder.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + port + "/probe?target=127.0.0.1");
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int ok = 0;
      while (ok < 20 && System.nanoTime() < deadline) {
        try {
          HttpResponse<String> r =
              http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            ok++;
          }
        } catch (IOException e) {
          Thread.sleep(200);
        }
      }
      String jvmFlags = String.join(" ", command.subList(1, command.indexOf("-jar")));
      String status = Files.readString(Path.of("/proc/" + p.pid() + "/status"));
      String rss = status.lines().filter(l -> l.startsWith("VmRSS")).findFirst().orElse("VmRSS: ?");
      System.out.println(
          "exporter jar after "
              + ok
              + " scrapes of the site ("
              + jvmFlags
              + ", MALLOC_ARENA_MAX=1): "
              + rss.replaceAll("\\s+", " ")
              + ", peak "
              + status
                  .lines()
                  .filter(l -> l.startsWith("VmHWM"))
                  .findFirst()
                  .orElse("VmHWM: ?")
                  .replaceAll("\\s+", " "));
    } finally {
      p.destroy();
      p.waitFor();
    }
  }

  private static double sum(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).sum();
  }

  private static double median(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    return v.get(v.size() / 2);
  }

  private static double p90(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    return v.get((int) Math.min(v.size() - 1, Math.round(v.size() * 0.9)));
  }
}
