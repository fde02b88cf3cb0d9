package io.github.homelabha.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.testkit.system.Binaries;
import io.github.homelabha.core.testkit.system.Commands;
import io.github.homelabha.core.testkit.system.ProcessResult;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cross-checks the parser against Prometheus' own: {@code promtool check metrics} (text format
 * only) must find no problem in the golden text we accept, and must reject the syntax errors we
 * reject. Our parser is stricter in places (see {@link ExpositionParser}), so the converse is not
 * checked.
 */
@RequiresBinaries("promtool")
class ExpositionParserPromtoolTest {
  @TempDir Path tempDir;

  @Test
  void goldenTextOfEveryTypePassesPromtoolWithoutLintProblems() throws IOException {
    String body = GoldenSnapshots.prometheusText(GoldenSnapshots.allTypes());

    assertThat(promtool(body).exitCode()).as(promtool(body).toString()).isZero();
    assertThat(ExpositionParser.parsePrometheusText(body).families()).hasSize(11);
  }

  @Test
  void jvmMetricsTextPassesPromtoolAndOurParser() throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    String body = GoldenSnapshots.write(PrometheusTextFormatWriter.create(), registry.scrape());

    ProcessResult result = promtool(body);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(ExpositionParser.parsePrometheusText(body).families()).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "# HELP foo h\nfoo 1",
        "# HELP foo h\nfoo{a=\"\\q\"} 1\n",
        "# HELP foo h\nfoo{a=\"1} 1\n",
        "# HELP foo h\nfoo 1\n# HELP foo again\n",
        "# HELP foo h\nfoo 1\n# TYPE foo gauge\n",
        "# HELP foo h\nfoo abc\n",
        "# HELP foo h\nfoo 0x10\n",
        "# HELP foo h\nfoo 1 1.5\n",
        "# HELP foo h\nfoo 1  \n",
        "# HELP foo h\nfoo{__name__=\"x\"} 1\n",
        "# HELP foo h\nfoo{a=\"1\",a=\"2\"} 1\n",
        "# HELP foo h\n# TYPE foo gaugehistogram\n",
        "# HELP foo h\nfoo{a=\"1\" b=\"2\"} 1\n",
        "# HELP foo h\n1foo 1\n"
      })
  void syntaxErrorsAreRejectedByPromtoolAndByUs(String body) throws IOException {
    ProcessResult result = promtool(body);
    assertThat(result.exitCode()).as("promtool on %s: %s", body, result).isEqualTo(1);
    assertThat(result.stderr()).contains("parsing error");
    assertThatThrownBy(() -> ExpositionParser.parsePrometheusText(body))
        .isInstanceOf(ExpositionParseException.class);
  }

  /** Exit code 0: clean; 1: parse error; 3: lint problems (printed on stderr). */
  private ProcessResult promtool(String body) throws IOException {
    Path input = Files.createTempFile(tempDir, "exposition", ".txt");
    Files.writeString(input, body, StandardCharsets.UTF_8);
    return Commands.run(
        Duration.ofSeconds(30),
        List.of(Binaries.require("promtool").toString(), "check", "metrics"),
        input);
  }
}
