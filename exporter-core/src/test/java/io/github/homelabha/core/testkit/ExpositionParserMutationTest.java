package io.github.homelabha.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded truncations, byte flips and structural edits of golden expositions: whatever the damage,
 * the parser either accepts the body or throws {@link ExpositionParseException}, never anything
 * else, and never hangs.
 */
class ExpositionParserMutationTest {
  private static final long SEED = 0x5EED_3A11L;
  private static final int CASES = 3000;
  private static final String INTERESTING = "{}\",=\\# \t\n\r.e+-_:0123456789aInfNaN\u00fc";

  private record Golden(String contentType, String body) {}

  @Test
  void damagedExpositionsFailOnlyWithTheParseException() {
    List<Golden> goldens = goldens();
    // Every golden is valid to begin with, or the mutations would prove nothing.
    for (Golden golden : goldens) {
      ExpositionParser.parse(golden.body(), golden.contentType());
    }
    Random random = new Random(SEED);
    int[] rejected = {0};

    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          for (int i = 0; i < CASES; i++) {
            Golden golden = goldens.get(random.nextInt(goldens.size()));
            String mutated = mutate(golden.body(), random);
            try {
              ExpositionParser.parse(mutated, golden.contentType());
            } catch (ExpositionParseException expected) {
              rejected[0]++;
            } catch (RuntimeException | StackOverflowError e) {
              throw new AssertionError(
                  "case " + i + " (seed " + SEED + ") escaped with " + e + " on:\n" + mutated, e);
            }
          }
        });

    // Most damage must be noticed; a parser that accepted everything would pass the loop above.
    assertThat(rejected[0]).isGreaterThan(CASES / 2);
  }

  private static List<Golden> goldens() {
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    MetricSnapshots jvm = registry.scrape();
    MetricSnapshots allTypes = GoldenSnapshots.allTypes();
    return List.of(
        new Golden(
            PrometheusTextFormatWriter.CONTENT_TYPE, GoldenSnapshots.prometheusText(allTypes)),
        new Golden(OpenMetricsTextFormatWriter.CONTENT_TYPE, GoldenSnapshots.openMetrics(allTypes)),
        new Golden(
            PrometheusTextFormatWriter.CONTENT_TYPE,
            GoldenSnapshots.write(PrometheusTextFormatWriter.create(), jvm)),
        new Golden(
            OpenMetricsTextFormatWriter.CONTENT_TYPE,
            GoldenSnapshots.write(OpenMetricsTextFormatWriter.create(), jvm)));
  }

  private static String mutate(String body, Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> body.substring(0, random.nextInt(body.length())); // a half-written response
      case 1 -> flipBytes(body, random, 1 + random.nextInt(3));
      case 2 -> insert(body, random);
      case 3 -> delete(body, random);
      case 4 -> duplicateLine(body, random);
      default -> swapLines(body, random);
    };
  }

  /** Flips bits in the UTF-8 bytes, as a corrupted transfer would; invalid UTF-8 becomes U+FFFD. */
  private static String flipBytes(String body, Random random, int flips) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < flips; i++) {
      bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String insert(String body, Random random) {
    int at = random.nextInt(body.length() + 1);
    char c = INTERESTING.charAt(random.nextInt(INTERESTING.length()));
    return body.substring(0, at) + c + body.substring(at);
  }

  private static String delete(String body, Random random) {
    int at = random.nextInt(body.length());
    int length = 1 + random.nextInt(Math.min(8, body.length() - at));
    return body.substring(0, at) + body.substring(at + length);
  }

  private static String duplicateLine(String body, Random random) {
    List<String> lines = new ArrayList<>(Arrays.asList(body.split("\n", -1)));
    int at = random.nextInt(lines.size());
    lines.add(at, lines.get(at));
    return String.join("\n", lines);
  }

  private static String swapLines(String body, Random random) {
    List<String> lines = new ArrayList<>(Arrays.asList(body.split("\n", -1)));
    int a = random.nextInt(lines.size());
    int b = random.nextInt(lines.size());
    String line = lines.get(a);
    lines.set(a, lines.get(b));
    lines.set(b, line);
    return String.join("\n", lines);
  }
}
