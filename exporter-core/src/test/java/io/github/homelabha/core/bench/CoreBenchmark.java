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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up and memory of a minimal exporter under several JVM flag sets: cold start to the first
 * successful scrape (wall clock and the exporter's own CPU time), RSS after 1000 scrapes and
 * scrapes per second. Each variant is a fresh JVM; all variants run in one invocation so their
 * ratios are comparable on a noisy machine. Then the recommended variant runs once more with native
 * memory tracking, and its categories are printed: where the memory goes.
 *
 * <p>Usage: {@code bench/core-bench.sh} (builds the jars, then runs this on their class path; the
 * class-data archive variants need jars, not class directories). Only ever talks to 127.0.0.1.
 */
public final class CoreBenchmark {
  private static final int SCRAPES = 1000;
  private static final Duration START_LIMIT = Duration.ofSeconds(60);

  /** Linux reports process CPU time in clock ticks of 1/100 s on every architecture we target. */
  private static final int CLOCK_TICKS_PER_SECOND = 100;

  /** The flags the README recommended before these measurements. */
  public static final List<String> OLD_PI_FLAGS =
      List.of(
          "-Xmx32m",
          "-Xss256k",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-XX:CICompilerCount=1",
          "-XX:ReservedCodeCacheSize=16m",
          "-XX:MaxMetaspaceSize=48m",
          "-XX:-UsePerfData");

  /**
   * The flags the README recommends for a Raspberry Pi: the old set plus a 4 MiB initial heap, so
   * the serial collector grows the heap to what the exporter uses (about 12 MiB) instead of
   * committing and touching all 32 MiB at once.
   */
  public static final List<String> PI_FLAGS = concat(OLD_PI_FLAGS, "-Xms4m");

  private record Variant(String name, List<String> flags, boolean mallocArenaOne) {}

  private record Result(
      String name,
      Map<String, Long> residentByMapping,
      long firstScrapeMs,
      long cpuMsAtFirstScrape,
      double rssMib,
      double anonMib,
      double scrapesPerSecond,
      int threads) {}

  public static void main(String[] args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    Path work = Files.createTempDirectory("bench-cds");
    Path cds = work.resolve("exporter.jsa");

    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("JVM defaults", List.of(), false));
    variants.add(new Variant("old Pi flags", OLD_PI_FLAGS, true));
    variants.add(new Variant("Pi flags (old + -Xms4m)", PI_FLAGS, true));
    variants.add(
        new Variant(
            "Pi flags, recording the AppCDS archive",
            concat(PI_FLAGS, "-XX:ArchiveClassesAtExit=" + cds),
            true));
    List<String> withCds = concat(PI_FLAGS, "-XX:SharedArchiveFile=" + cds);
    variants.add(new Variant("Pi flags + AppCDS archive", withCds, true));
    variants.add(
        new Variant(
            "Pi flags + AppCDS, archives not relocated",
            concat(withCds, "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0"),
            true));
    List<String> interpreted = new ArrayList<>(withCds);
    interpreted.removeIf(f -> f.startsWith("-XX:TieredStopAtLevel") || f.startsWith("-XX:CICo"));
    interpreted.add("-Xint");
    variants.add(new Variant("Pi flags + AppCDS, interpreter only", interpreted, true));

    System.out.printf(
        "java: %s %s, %d scrapes per variant, load average at start: %s%n",
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        SCRAPES,
        loadAverage());
    System.out.printf(
        "%-42s %11s %9s %9s %9s %10s %8s%n",
        "variant", "first (ms)", "CPU (ms)", "RSS MiB", "anon MiB", "scrapes/s", "threads");
    for (Variant v : variants) {
      Result r = run(java, classpath, v, null);
      System.out.printf(
          "%-42s %11d %9d %9.1f %9.1f %10.0f %8d%n",
          r.name(),
          r.firstScrapeMs(),
          r.cpuMsAtFirstScrape(),
          r.rssMib(),
          r.anonMib(),
          r.scrapesPerSecond(),
          r.threads());
    }
    if (!Files.exists(cds)) {
      System.out.println("(no class-data archive was written: the AppCDS rows ran without one)");
    }

    Path nmt = work.resolve("nmt.txt");
    Result r =
        run(
            java,
            classpath,
            new Variant(
                "Pi flags + AppCDS, native memory tracking",
                concat(withCds, "-XX:NativeMemoryTracking=summary"),
                true),
            nmt);
    System.out.printf(
        "%nWhere the memory goes (Pi flags + AppCDS, after %d scrapes; RSS %.1f MiB, of which"
            + " %.1f MiB anonymous; tracking itself adds about 2 MiB):%n",
        SCRAPES, r.rssMib(), r.anonMib());
    System.out.printf("%-28s %14s%n", "JVM category", "committed MiB");
    nmtCategories(Files.readString(nmt)).entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .filter(e -> e.getValue() >= 100)
        .forEach(e -> System.out.printf("%-28s %14.1f%n", e.getKey(), e.getValue() / 1024.0));
    System.out.println(
        "(committed or mapped sizes: not every page of the heap or of the archives is resident;"
            + " the JVM's own code is not tracked)");
    System.out.printf("%n%-44s %8s%n", "resident, by mapping (same run)", "RSS MiB");
    r.residentByMapping().entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> System.out.printf("%-44s %8.1f%n", e.getKey(), e.getValue() / 1024.0));
  }

  /** Resident KiB of the process per kind of mapping, from /proc/PID/smaps. */
  static Map<String, Long> residentByMapping(long pid) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    String kind = null;
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps"))) {
      if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
        String[] f = line.trim().split("\\s+", 6);
        kind = mappingKind(f.length == 6 ? f[5] : "");
      } else if (line.startsWith("Rss:") && kind != null) {
        long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        out.merge(kind, kb, Long::sum);
      }
    }
    return out;
  }

  private static String mappingKind(String name) {
    if (name.endsWith("/libjvm.so")) {
      return "libjvm.so (JVM code, shared)";
    }
    if (name.endsWith(".jsa")) {
      return "class-data archives (.jsa)";
    }
    if (name.contains(".so")) {
      return "other shared libraries";
    }
    if (name.endsWith("/lib/modules")) {
      return "JDK modules image";
    }
    if (name.endsWith(".jar")) {
      return "jar files";
    }
    if (name.equals("[heap]")) {
      return "malloc heap (brk)";
    }
    if (name.startsWith("[stack")) {
      return "main thread stack";
    }
    if (name.isEmpty()) {
      return "anonymous: Java heap, metaspace, code, stacks";
    }
    return "other";
  }

  private static Result run(String java, String classpath, Variant v, Path nmtOut)
      throws Exception {
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
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
            .timeout(Duration.ofSeconds(10))
            .build();
    long start = System.nanoTime();
    Process p = pb.start();
    try {
      long firstMs = -1;
      long deadline = start + START_LIMIT.toNanos();
      while (System.nanoTime() < deadline && p.isAlive()) {
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
        throw new IllegalStateException(v.name() + ": no successful scrape within " + START_LIMIT);
      }
      long cpuMs = cpuMillis(p.pid());
      long t0 = System.nanoTime();
      for (int i = 0; i < SCRAPES; i++) {
        client.send(scrape, HttpResponse.BodyHandlers.ofString());
      }
      double perSecond = SCRAPES / ((System.nanoTime() - t0) / 1e9);
      Map<String, Long> status = status(p.pid());
      if (nmtOut != null) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process j =
            new ProcessBuilder(
                    jcmd.toString(), Long.toString(p.pid()), "VM.native_memory", "summary")
                .redirectErrorStream(true)
                .redirectOutput(nmtOut.toFile())
                .start();
        if (!j.waitFor(30, TimeUnit.SECONDS)) {
          j.destroyForcibly();
        }
      }
      Map<String, Long> mappings = residentByMapping(p.pid());
      return new Result(
          v.name(),
          mappings,
          firstMs,
          cpuMs,
          status.getOrDefault("VmRSS", -1L) / 1024.0,
          status.getOrDefault("RssAnon", -1L) / 1024.0,
          perSecond,
          status.getOrDefault("Threads", -1L).intValue());
    } finally {
      p.destroy(); // SIGTERM: the JVM exits normally, which is when an AppCDS archive is written
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /** User plus system CPU time of the process so far. */
  private static long cpuMillis(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    // Fields after the command name (which may contain spaces) start at ") ".
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
  }

  /** The numeric fields of /proc/PID/status (kB for the memory ones). */
  private static Map<String, Long> status(long pid) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      String[] kv = line.split(":\\s+", 2);
      if (kv.length == 2 && kv[1].matches("\\d+( kB)?")) {
        out.put(kv[0], Long.parseLong(kv[1].replace(" kB", "")));
      }
    }
    return out;
  }

  /** Committed KiB per category of {@code jcmd PID VM.native_memory summary}. */
  static Map<String, Long> nmtCategories(String summary) {
    Map<String, Long> out = new TreeMap<>();
    Matcher m =
        Pattern.compile("^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)", Pattern.MULTILINE)
            .matcher(summary);
    while (m.find()) {
      out.put(m.group(1).trim(), Long.parseLong(m.group(2)));
    }
    return out;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static List<String> concat(List<String> flags, String... more) {
    List<String> out = new ArrayList<>(flags);
    out.addAll(List.of(more));
    return List.copyOf(out);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
