package io.github.homelabha.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.homelabha.core.fixtures.FakeExporterMain;
import io.github.homelabha.core.testkit.PortAllocator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM lets a scrape in progress finish, then the process exits promptly. */
class GracefulShutdownTest {
  @TempDir Path dir;

  @Test
  void sigtermFinishesTheScrapeInProgressThenExits() throws Exception {
    int port = PortAllocator.freeLoopbackPort();
    Path log = dir.resolve("exporter.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Dfake.announce-fetches=true",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.github.homelabha.core.fixtures.FakeExporterMain",
                    "--web.listen-address=127.0.0.1:" + port,
                    "--fake.default-delay=1500ms"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (true) {
        try {
          if (http.send(
                      HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode()
              == 200) {
            break;
          }
        } catch (java.io.IOException e) {
          assertThat(System.nanoTime()).as("exporter ready within 30 s").isLessThan(deadline);
          Thread.sleep(50);
        }
      }
      CompletableFuture<HttpResponse<String>> scrape =
          http.sendAsync(
              HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      // SIGTERM once the scrape waits on the slow fetch
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> Files.readString(log).contains(FakeExporterMain.FETCH_STARTED));
      p.destroy();

      HttpResponse<String> r = scrape.get(10, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("fake_up 1");
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
      assertThat(p.exitValue()).isEqualTo(143); // 128 + SIGTERM, as the JVM reports it
      assertThat(Files.readString(log)).contains("msg=\"shutting down\"");
    } finally {
      p.destroyForcibly();
    }
  }
}
