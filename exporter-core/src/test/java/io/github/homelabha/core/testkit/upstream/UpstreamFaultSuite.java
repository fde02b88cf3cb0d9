package io.github.homelabha.core.testkit.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.homelabha.core.testkit.ExpositionParser;
import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.RunningExporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The upstream fault suite every HTTP exporter runs: extend it and return the exporter from {@link
 * #exporterUnderTest()}. For each {@link UpstreamFault} it starts the exporter against a {@link
 * FakeUpstream}, breaks the upstream and checks that
 *
 * <ul>
 *   <li>the first scrape after the fault answers within the scrape timeout with {@code <ns>_up 0}
 *       and the fault's documented reason counted in {@code <ns>_scrape_errors_total} (or the
 *       exporter's documented alternative);
 *   <li>the exporter's other target stays up;
 *   <li>after 401/403/429 the next scrape answers {@code backoff} without asking the upstream;
 *   <li>the first scrape after the fault ends (and its backoff) is {@code <ns>_up 1} again;
 *   <li>the password appears in no scrape, landing page or log line.
 * </ul>
 *
 * It prints the matrix fault x exporter -> result, time to detect, time to recover, and keeps it in
 * {@code target/fault-matrix-<exporter>.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class UpstreamFaultSuite {
  /** The scrape timeout Prometheus announces in the suite's scrapes. */
  protected static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(2);

  /** Backoff after 401/403 configured for the suite, so recovery is quick to see. */
  protected static final Duration BACKOFF = Duration.ofSeconds(3);

  /** Time a scrape may take beyond its timeout before it counts as hanging (slow CI machines). */
  private static final Duration SCRAPE_SLACK = Duration.ofMillis(1500);

  /** How the landing page's "Upstreams" table shows a target that backs off. */
  private static final String BACKING_OFF = "backing off, ";

  private static final String USER = "prometheus";
  private static final String PASSWORD = "Fault-Suite-pw-7d1e";

  private final FaultMatrix matrix = new FaultMatrix();

  @TempDir Path dir;

  /** The exporter to test. */
  protected abstract HttpExporterUnderTest exporterUnderTest();

  @ParameterizedTest(name = "{0}")
  @EnumSource(UpstreamFault.class)
  void reportsTheFaultAndRecovers(UpstreamFault fault) throws Exception {
    HttpExporterUnderTest x = exporterUnderTest();
    String result = "FAIL";
    Duration detect = null;
    Duration recover = null;
    List<String> outputs = new ArrayList<>();
    try (FakeUpstream upstream =
            new FakeUpstream(
                x::answer,
                fault.tls(),
                SCRAPE_TIMEOUT.multipliedBy(3),
                x.maxBodyBytes() + 64 * 1024);
        RunningExporter exporter = x.start(upstreamFor(upstream))) {
      // Healthy first; the first TLS handshake of a cold JVM may miss a short scrape timeout.
      Scrape healthy =
          await("%s healthy before the fault".formatted(x.target()))
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(200))
              .until(
                  () -> scrape(exporter, outputs),
                  s -> up(x, s.metrics()) == 1 && up(x, s.metrics(), x.otherTarget()) == 1);

      long brokenAt = System.nanoTime();
      upstream.breakWith(fault);
      Scrape faulty = scrape(exporter, outputs);
      detect = Duration.ofNanos(System.nanoTime() - brokenAt);
      assertThat(faulty.took())
          .as("the scrape answers within its timeout")
          .isLessThan(SCRAPE_TIMEOUT.plus(SCRAPE_SLACK));
      Optional<HttpExporterUnderTest.DocumentedAlternative> alternative = x.alternative(fault);
      if (alternative.isPresent()) {
        assertThat(up(x, faulty.metrics())).isEqualTo(1);
        assertThat(alternative.get().shownBy(faulty.metrics(), x.target()))
            .as("%s shows %s", alternative.get().sample(), fault.description())
            .isTrue();
      } else {
        assertThat(up(x, faulty.metrics())).as("up during %s", fault.description()).isEqualTo(0);
        assertThat(errors(x, faulty.metrics(), fault.reason()))
            .as(
                "%s counted as reason %s%s",
                fault.description(), fault.reason(), faulty.selfMetrics(x.namespace()))
            .isEqualTo(errors(x, healthy.metrics(), fault.reason()) + 1);
      }
      assertThat(up(x, faulty.metrics(), x.otherTarget()))
          .as("the other target during %s", fault.description())
          .isEqualTo(1);

      if (fault.backsOff()) {
        int asked = upstream.requestCount();
        Scrape waiting = scrape(exporter, outputs);
        assertThat(up(x, waiting.metrics())).isEqualTo(0);
        assertThat(errors(x, waiting.metrics(), "backoff"))
            .as("the scrape after %s backs off", fault.description())
            .isEqualTo(errors(x, faulty.metrics(), "backoff") + 1);
        assertThat(upstream.requestCount()).as("nothing sent while backing off").isEqualTo(asked);
        String landing = exporter.get("/").body();
        outputs.add(landing);
        assertThat(landing).as("the landing page shows the backoff").contains(BACKING_OFF);
      }

      upstream.heal();
      long healedAt = System.nanoTime();
      if (fault.backsOff()) {
        await("the backoff ends")
            .atMost(BACKOFF.multipliedBy(3))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> !exporter.get("/").body().contains(BACKING_OFF));
      }
      Scrape recovered = scrape(exporter, outputs);
      recover = Duration.ofNanos(System.nanoTime() - healedAt);
      assertThat(up(x, recovered.metrics()))
          .as(
              "up at the first scrape after %s ended%s\n%s",
              fault.description(), recovered.selfMetrics(x.namespace()), exporter.logs())
          .isEqualTo(1);
      alternative.ifPresent(
          a ->
              assertThat(a.shownBy(recovered.metrics(), x.target()))
                  .as("%s after recovery", a.sample())
                  .isFalse());

      outputs.add(exporter.get("/").body());
      outputs.add(exporter.logs());
      String basic =
          Base64.getEncoder()
              .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
      for (String output : outputs) {
        assertThat(output).doesNotContain(PASSWORD).doesNotContain(basic);
      }
      result =
          alternative.map(a -> "pass (" + a.sample() + " " + fmt(a.value()) + ")").orElse("pass");
    } finally {
      matrix.add(new FaultMatrix.Row(x.name(), fault, result, detect, recover));
    }
  }

  @AfterAll
  void printMatrix() {
    matrix.publish(exporterUnderTest().name());
  }

  private FaultSuiteUpstream upstreamFor(FakeUpstream upstream) throws Exception {
    String tls =
        switch (upstream.tls()) {
          case PLAIN -> "";
          case CA_VERIFIED -> "ca_file: " + upstream.writeCaFile(dir);
          case PINNED -> "pinned_sha256: \"" + upstream.pin() + "\"";
        };
    return new FaultSuiteUpstream(
        upstream.url(), USER, PASSWORD, SCRAPE_TIMEOUT, dir, tls, BACKOFF);
  }

  private record Scrape(ParsedMetrics metrics, Duration took, String text) {
    /** The self metrics of the answer, for failure messages. */
    String selfMetrics(String namespace) {
      return text.lines()
          .filter(
              l -> l.startsWith(namespace + "_up") || l.startsWith(namespace + "_scrape_errors"))
          .reduce("", (a, b) -> a + "\n" + b);
    }
  }

  private static Scrape scrape(RunningExporter exporter, List<String> outputs) throws Exception {
    long start = System.nanoTime();
    String seconds = String.valueOf(SCRAPE_TIMEOUT.toMillis() / 1000.0);
    var answer = exporter.get("/metrics", "X-Prometheus-Scrape-Timeout-Seconds", seconds);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    outputs.add(answer.body());
    assertThat(answer.status()).isEqualTo(200);
    return new Scrape(
        ExpositionParser.parse(answer.body(), answer.header("content-type")), took, answer.body());
  }

  private static double up(HttpExporterUnderTest x, ParsedMetrics m) {
    return up(x, m, x.target());
  }

  private static double up(HttpExporterUnderTest x, ParsedMetrics m, String target) {
    return m.value(x.namespace() + "_up", "target", target).orElse(Double.NaN);
  }

  private static double errors(HttpExporterUnderTest x, ParsedMetrics m, String reason) {
    return m.value(x.namespace() + "_scrape_errors_total", "target", x.target(), "reason", reason)
        .orElse(0);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
