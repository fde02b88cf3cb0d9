package io.github.homelabha.core.testkit;

import static io.github.homelabha.core.testkit.ExpositionParserGoldenTest.family;
import static io.github.homelabha.core.testkit.ExpositionParserGoldenTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Valid constructs the writers we test against do not emit but the formats allow. */
class ExpositionParserAcceptanceTest {

  @Test
  void textFormatToleratesBlanksCommentsTimestampsAndTrailingCommas() {
    String body =
        "\n"
            + "  # a free comment\n"
            + "#\n"
            + "# HELP\tfoo   Help with a \"quote\" and \\\\ and \\n.\n"
            + "# TYPE foo gauge\n"
            + "foo { a = \"1\" , b=\"\" , } \t 1.5e3   1700000000000\n"
            + "  foo{a=\"2\"}-Inf\n"
            + "foo{} nan\n"
            + "bar +Infinity\n"
            + "baz .5\n";

    ParsedMetrics parsed = ExpositionParser.parsePrometheusText(body);

    assertThat(parsed.families())
        .containsExactly(
            family(
                "foo",
                "gauge",
                "Help with a \"quote\" and \\ and \n.",
                null,
                sample("foo", 1500, "a", "1", "b", ""),
                sample("foo", Double.NEGATIVE_INFINITY, "a", "2"),
                sample("foo", Double.NaN)),
            family("bar", "untyped", null, null, sample("bar", Double.POSITIVE_INFINITY)),
            family("baz", "untyped", null, null, sample("baz", 0.5)));
  }

  @Test
  void samplesWithoutTypeFormTheirOwnUntypedFamilies() {
    assertThat(ExpositionParser.parsePrometheusText("foo 1\nfoo_count 2\n").families())
        .containsExactly(
            family("foo", "untyped", null, null, sample("foo", 1)),
            family("foo_count", "untyped", null, null, sample("foo_count", 2)));
  }

  @Test
  void emptyBodiesAndFamiliesWithoutSamplesAreValid() {
    assertThat(ExpositionParser.parsePrometheusText("").families()).isEmpty();
    assertThat(ExpositionParser.parseOpenMetrics("# EOF").families()).isEmpty();
    assertThat(ExpositionParser.parsePrometheusText("# TYPE foo counter\n").families())
        .containsExactly(family("foo", "counter", null, null));
  }

  @Test
  void openMetricsAllowsRepeatedPointsWithTimestampsExemplarsAndEmptyMetadata() {
    String body =
        "# TYPE foo_seconds summary\n"
            + "# UNIT foo_seconds seconds\n"
            + "# HELP foo_seconds \n"
            + "foo_seconds_count{a=\"bb\"} 0 123\n"
            + "foo_seconds_sum{a=\"bb\"} 0 123\n"
            + "foo_seconds_count{a=\"bb\"} 1 456.5\n"
            + "foo_seconds_sum{a=\"bb\"} 2 456.5\n"
            + "# TYPE h histogram\n"
            + "h_bucket{le=\"0.1\"} 8 # {} 0.054\n"
            + "h_bucket{le=\"10\"} 17 # {trace_id=\"oHg5SJYRHA0\"} 9.8 1520879607.789\n"
            + "h_bucket{le=\"+Inf\"} 17\n"
            + "# TYPE u_bytes unknown\n"
            + "# UNIT u_bytes \n"
            + "u_bytes{} 1E+3\n"
            + "# EOF";

    ParsedMetrics parsed = ExpositionParser.parseOpenMetrics(body);

    assertThat(parsed.family("foo_seconds").orElseThrow().help()).isNull();
    assertThat(parsed.family("foo_seconds").orElseThrow().unit()).isEqualTo("seconds");
    assertThat(parsed.samples("foo_seconds_count")).hasSize(2);
    assertThat(parsed.family("u_bytes").orElseThrow().unit()).isNull();
    assertThat(parsed.valueOf("u_bytes")).isEqualTo(1000);
    assertThat(parsed.valueOf("h_bucket", "le", "10")).isEqualTo(17);
  }
}
