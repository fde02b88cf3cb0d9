package io.github.homelabha.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.fixtures.FakeExporter;
import io.github.homelabha.core.testkit.HttpResult;
import io.github.homelabha.core.testkit.RunningExporter;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scrape framework over real HTTP: timeouts, singleflight, formats, landing page. */
class ScrapeFrameworkTest {
  private static final String KEY = "s3cr3t-api-key-value";

  @TempDir Path dir;

  private Path config(String yaml) throws Exception {
    Path f = dir.resolve("config.yml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void slowTargetIsDownWithinTheTimeoutWhileOthersStayUp() throws Exception {
    Path cfg =
        config(
            """
            targets:
              - name: fast
                value: 7
              - name: slow
                delay: 5s
            """);
    try (RunningExporter e = RunningExporter.start(new FakeExporter(), "--config.file=" + cfg)) {
      e.get("/-/healthy"); // warm up the HTTP path so the measurement below is the scrape's
      long start = System.nanoTime();
      HttpResult r = e.get("/metrics", "X-Prometheus-Scrape-Timeout-Seconds", "3");
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(r.status()).isEqualTo(200);
      // Budget: 3 s from Prometheus minus the 500 ms offset (the landing page names it below);
      // the engine waited for it, no shorter. No upper bound: on a loaded machine the answer's
      // own overhead varies, and the budget is what keeps it under Prometheus' timeout.
      assertThat(ms).isGreaterThanOrEqualTo(2400L);
      assertThat(r.body())
          .contains("fake_up{target=\"fast\"} 1")
          .contains("fake_up{target=\"slow\"} 0")
          .contains("fake_value{kind=\"main\",target=\"fast\"} 7")
          .doesNotContain("target=\"slow\",kind")
          .contains("fake_scrape_errors_total{reason=\"timeout\",target=\"slow\"} 1");
      assertThat(e.get("/").body()).contains("down (timeout)").contains("no answer within 2s500ms");
      assertThat(r.body()).doesNotContainPattern("fake_value\\{[^}]*target=\"slow\"");
    }
  }

  @Test
  void landingPageScrapesTargetsNeverScrapedBeforeShowingThem() throws Exception {
    Path cfg =
        config(
            """
            targets:
              - name: fast
              - name: broken
                fail: auth
              - name: slow
                delay: 5s
            """);
    FakeExporter fake = new FakeExporter();
    try (RunningExporter e =
        RunningExporter.start(fake, "--config.file=" + cfg, "--scrape.timeout=1s")) {
      String first = e.get("/").body();
      assertThat(first)
          .doesNotContain("not scraped yet")
          .contains("<td>fast</td>")
          .contains("ok\">up")
          .contains("down (auth)")
          .contains("down (timeout)");
      assertThat(fake.fetches.get("fast")).hasValue(1);
      // Once every target has a result, showing the page fetches nothing more.
      e.get("/");
      assertThat(fake.fetches.get("fast")).hasValue(1);
    }
  }

  @Test
  void concurrentScrapesShareOneFetch() throws Exception {
    FakeExporter fake = new FakeExporter();
    // long enough for all ten requests to arrive while the first fetch runs, even on a busy machine
    try (RunningExporter e = RunningExporter.start(fake, "--fake.default-delay=5s")) {
      ExecutorService pool = Executors.newFixedThreadPool(10);
      try {
        List<Callable<HttpResult>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          calls.add(() -> e.get("/metrics"));
        }
        List<Future<HttpResult>> results = pool.invokeAll(calls);
        for (Future<HttpResult> f : results) {
          assertThat(f.get().body()).contains("fake_up 1");
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(fake.fetches.get("default").get()).isEqualTo(1);
    }
  }

  @Test
  void singleTargetHasNoTargetLabelAndBuildInfo() throws Exception {
    try (RunningExporter e = RunningExporter.start(new FakeExporter())) {
      String body = e.scrapeText();
      assertThat(body)
          .contains("fake_up 1")
          .contains("fake_value{kind=\"main\"} 1")
          .contains("fake_events_total 1")
          .contains("fake_upstream_info{version=\"1.2.3\"} 1")
          .containsPattern("fake_exporter_build_info\\{java_version=\"[^\"]+\",revision=")
          .contains("jvm_memory_used_bytes");
    }
  }

  @Test
  void bothFormatsParseStrictlyAndCarryTheSameSamples() throws Exception {
    Path cfg =
        config(
            """
            targets:
              - name: a
                value: 2.5
              - name: b
                fail: unreachable
            """);
    try (RunningExporter e = RunningExporter.start(new FakeExporter(), "--config.file=" + cfg)) {
      e.scrape(); // a first scrape creates the error counter
      var text = e.scrape();
      var om = e.scrape("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");
      for (var m : java.util.List.of(text, om)) {
        assertThat(m.valueOf("fake_up", "target", "a")).isEqualTo(1);
        assertThat(m.valueOf("fake_up", "target", "b")).isEqualTo(0);
        assertThat(m.valueOf("fake_value", "target", "a", "kind", "main")).isEqualTo(2.5);
        assertThat(m.has("fake_value", "target", "b")).isFalse();
        // two scrapes before the text one, three before the OpenMetrics one
        assertThat(m.valueOf("fake_scrape_errors_total", "target", "b", "reason", "unreachable"))
            .isEqualTo(m == text ? 2 : 3);
      }
    }
  }

  @Test
  void exporterMetricsCanBeDisabled() throws Exception {
    try (RunningExporter e =
        RunningExporter.start(new FakeExporter(), "--web.disable-exporter-metrics")) {
      assertThat(e.scrapeText()).doesNotContain("jvm_").contains("fake_up 1");
    }
  }

  @Test
  void openMetricsIsNegotiated() throws Exception {
    try (RunningExporter e = RunningExporter.start(new FakeExporter())) {
      HttpResult r =
          e.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");
      assertThat(r.header("content-type")).startsWith("application/openmetrics-text");
      assertThat(r.body()).endsWith("# EOF\n").contains("# TYPE fake_events counter");
      HttpResult plain = e.get("/metrics");
      assertThat(plain.header("content-type")).startsWith("text/plain");
    }
  }

  @Test
  void gzipWhenAsked() throws Exception {
    try (RunningExporter e = RunningExporter.start(new FakeExporter())) {
      HttpResponse<byte[]> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(e.baseUrl() + "/metrics"))
                      .header("Accept-Encoding", "gzip")
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.headers().firstValue("content-encoding")).contains("gzip");
      String body =
          new String(
              new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(),
              StandardCharsets.UTF_8);
      assertThat(body).contains("fake_up 1");
      // Whole (the gzip trailer was read, so the stream was finished); fastest level.
      assertThat(body).contains("fake_value{kind=\"main\"} 1.0").endsWith("\n");
      // Never the uncompressed length client_java computes.
      r.headers()
          .firstValue("content-length")
          .ifPresent(n -> assertThat(Integer.parseInt(n)).isEqualTo(r.body().length));
      java.io.ByteArrayOutputStream fastest = new java.io.ByteArrayOutputStream();
      try (java.util.zip.GZIPOutputStream gz =
          new java.util.zip.GZIPOutputStream(fastest) {
            {
              def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
          }) {
        gz.write(body.getBytes(StandardCharsets.UTF_8));
      }
      assertThat(r.body()).as("compressed at the fastest level").isEqualTo(fastest.toByteArray());
      HttpResponse<byte[]> refused =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(e.baseUrl() + "/metrics"))
                      .header("Accept-Encoding", "gzip;q=0, identity")
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertThat(refused.headers().firstValue("content-encoding")).isEmpty();
      assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("fake_up 1");
    }
  }

  @Test
  void probeScrapesOneTargetUnlabelled() throws Exception {
    Path cfg =
        config(
            """
            targets:
              - name: a
                value: 1
              - name: b
                value: 2
            """);
    try (RunningExporter e = RunningExporter.start(new FakeExporter(), "--config.file=" + cfg)) {
      HttpResult r = e.get("/probe?target=b");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body())
          .contains("fake_value{kind=\"main\"} 2")
          .contains("fake_up 1")
          .doesNotContain("target=")
          .doesNotContain("jvm_");
      HttpResult unknown = e.get("/probe?target=zzz");
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(unknown.body()).contains("unknown target").contains("a, b");
    }
  }

  @Test
  void minIntervalServesTheCachedResult() throws Exception {
    Path cfg =
        config(
            """
            targets:
              - name: costly
                min_interval: 1m
            """);
    FakeExporter fake = new FakeExporter();
    try (RunningExporter e = RunningExporter.start(fake, "--config.file=" + cfg)) {
      e.scrapeText();
      e.scrapeText();
      e.scrapeText();
      assertThat(fake.fetches.get("costly").get()).isEqualTo(1);
    }
  }

  @Test
  void secretsNeverLeakIntoLogsLandingPageJsonOrMetrics() throws Exception {
    Path cfg =
        config(
            """
            api_key: %s
            targets:
              - name: broken
                fail: auth
            """
                .formatted(KEY));
    try (RunningExporter e = RunningExporter.start(new FakeExporter(), "--config.file=" + cfg)) {
      String metrics = e.scrapeText();
      assertThat(metrics).contains("fake_up 0").doesNotContain(KEY);
      HttpResult landing = e.get("/");
      assertThat(landing.body())
          .contains("broken")
          .contains("down (auth)")
          .contains("upstream refused key &lt;secret&gt;")
          .contains("&lt;script&gt;")
          .contains("1 &amp; 2")
          .doesNotContain(KEY)
          .doesNotContain("<script>");
      assertThat(e.get("/fake-status").body()).contains("<secret>").doesNotContain(KEY);
      assertThat(e.logs()).contains("scrape failed").doesNotContain(KEY);
    }
  }

  @Test
  void healthAndReadiness() throws Exception {
    try (RunningExporter e = RunningExporter.start(new FakeExporter())) {
      assertThat(e.get("/-/healthy").status()).isEqualTo(200);
      HttpResult ready = e.get("/-/ready");
      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.body()).contains("Ready");
    }
  }

  @Test
  void telemetryPathIsConfigurable() throws Exception {
    try (RunningExporter e =
        RunningExporter.start(new FakeExporter(), "--web.telemetry-path=/custom")) {
      assertThat(e.get("/custom").body()).contains("fake_up 1");
      assertThat(e.get("/metrics").status()).isEqualTo(404);
    }
  }
}
