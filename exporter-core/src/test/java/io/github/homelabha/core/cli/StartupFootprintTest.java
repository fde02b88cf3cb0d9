package io.github.homelabha.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.fixtures.FakeExporterMain;
import io.github.homelabha.core.testkit.PortAllocator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a freshly started exporter loads before its first scrape, in a JVM of its own (class loading
 * is per JVM, so this cannot run in the test JVM). Guards the start-up savings measured in
 * bench/RESULTS.md: Jackson only when there is something to bind, the platform MBean server only
 * when native memory tracking is on.
 */
class StartupFootprintTest {
  private static final String OBJECT_MAPPER = "com.fasterxml.jackson.databind.ObjectMapper";
  private static final String MBEAN_SERVER = "com.sun.jmx.mbeanserver.JmxMBeanServer";

  @TempDir Path dir;

  /** The classes loaded and the /metrics body of the first successful scrape. */
  private record Started(Set<String> classes, String scrape) {}

  @Test
  void flagDefaultsStartWithoutJacksonAndWithoutThePlatformMBeanServer() throws Exception {
    Started s = start(List.of(), List.of());
    assertThat(s.classes())
        .as("the class-load log works")
        .contains("io.github.homelabha.core.config.ConfigLoader")
        .doesNotContain(OBJECT_MAPPER, MBEAN_SERVER);
    assertThat(s.scrape()).contains("jvm_memory_used_bytes").doesNotContain("jvm_native_memory");
  }

  @Test
  void aConfigurationFileIsStillBoundWithJackson() throws Exception {
    Path config = Files.writeString(dir.resolve("fake.yml"), "default_delay: 0s\n");
    Started s = start(List.of(), List.of("--config.file=" + config));
    assertThat(s.classes()).contains(OBJECT_MAPPER);
  }

  @Test
  void nativeMemoryTrackingAddsItsMetrics() throws Exception {
    Started s = start(List.of("-XX:NativeMemoryTracking=summary"), List.of());
    assertThat(s.scrape()).contains("jvm_native_memory_committed_bytes");
  }

  private Started start(List<String> jvmFlags, List<String> args) throws Exception {
    Path classLog = dir.resolve("classes-" + System.nanoTime() + ".log");
    int port = PortAllocator.freeLoopbackPort();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.add("-Xlog:class+load=info:file=" + classLog);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
    cmd.add(FakeExporterMain.class.getName());
    cmd.add("--web.listen-address=127.0.0.1:" + port);
    cmd.add("--log.level=warn");
    cmd.addAll(args);
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out-" + port + ".log").toFile())
            .start();
    String body;
    try {
      body = firstScrape(p, port);
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    Set<String> classes;
    try (var lines = Files.lines(classLog)) {
      // "[0.012s][info][class,load] java.lang.Object source: shared objects file"
      classes =
          lines
              .map(l -> l.substring(l.indexOf(']', l.indexOf("class,load")) + 1).trim())
              .map(l -> l.split(" ", 2)[0])
              .collect(Collectors.toSet());
    }
    return new Started(classes, body);
  }

  private static String firstScrape(Process p, int port) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest scrape =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
            .timeout(Duration.ofSeconds(10))
            .build();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && p.isAlive()) {
      try {
        HttpResponse<String> r = client.send(scrape, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("fake_up 1")) {
          return r.body();
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "exporter did not serve a successful scrape (alive: " + p.isAlive() + ")");
  }
}
