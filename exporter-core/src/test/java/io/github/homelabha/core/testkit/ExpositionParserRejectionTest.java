package io.github.homelabha.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each malformed construct fails with our exception, the right line and a telling message. */
class ExpositionParserRejectionTest {
  private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String OPENMETRICS =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  static Stream<Arguments> prometheusText() {
    return Stream.of(
        arguments("foo 1", 1, "line feed"),
        arguments("foo{a=\"\\x\"} 1\n", 1, "invalid escape sequence '\\x'"),
        arguments("# HELP foo say \\\"hi\\\"\nfoo 1\n", 1, "invalid escape sequence"),
        arguments("# HELP foo ends in \\\n", 1, "backslash at end of line"),
        arguments("foo{a=\"b} 1\n", 1, "unterminated label value"),
        arguments("foo{a=\"1\"} 1\nfoo{a=\"1\"} 2\n", 2, "duplicate series"),
        arguments("foo{a=\"1\",b=\"2\"} 1\nfoo{b=\"2\",a=\"1\"} 1\n", 2, "duplicate series"),
        arguments("foo 1 100\nfoo 2 200\n", 2, "duplicate series"),
        arguments("foo 1\n# TYPE foo gauge\n", 2, "TYPE line for 'foo' after its samples"),
        arguments("foo 1\n# HELP foo late\n", 2, "HELP line for 'foo' after its samples"),
        arguments("# HELP foo a\n# HELP foo b\nfoo 1\n", 2, "second HELP line"),
        arguments("# TYPE foo gauge\n# TYPE foo counter\n", 2, "second TYPE line"),
        arguments("# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na{x=\"y\"} 2\n", 5, "interleaved"),
        arguments("# TYPE a gauge\na 1\nb 1\n# HELP a late\n", 4, "interleaved"),
        arguments("# TYPE foo gaugehistogram\n", 1, "unknown metric type"),
        arguments("# TYPE foo gauge extra\n", 1, "trailing text"),
        arguments("foo abc\n", 1, "invalid sample value 'abc'"),
        arguments("foo 1.2.3\n", 1, "invalid sample value"),
        arguments("foo 0x10\n", 1, "invalid sample value"),
        arguments("foo 1e999\n", 1, "out of the float64 range"),
        arguments("foo -nan\n", 1, "invalid sample value"),
        arguments("foo 1 1.5\n", 1, "integer milliseconds"),
        arguments("foo 1 99999999999999999999\n", 1, "64 bits"),
        arguments("foo 1 2 3\n", 1, "unexpected trailing text"),
        arguments("foo 1\r\n", 1, "invalid sample value"),
        arguments("foo 1  \n", 1, "trailing whitespace"),
        arguments("foo 1 2 \n", 1, "unexpected trailing text"),
        arguments("foo\n", 1, "expected a blank"),
        arguments("1foo 1\n", 1, "expected a metric name"),
        arguments("foo-bar 1\n", 1, "expected a blank"),
        arguments("foo{a-b=\"1\"} 1\n", 1, "expected '='"),
        arguments("foo{a=1} 1\n", 1, "expected '\"'"),
        arguments("foo{a=\"1\" b=\"2\"} 1\n", 1, "expected ','"),
        arguments("foo{,} 1\n", 1, "expected a label name"),
        arguments("foo{__name__=\"x\"} 1\n", 1, "reserved"),
        arguments("foo{a=\"1\",a=\"2\"} 1\n", 1, "duplicate label name 'a'"),
        arguments("# TYPE c_total counter\nc_total -1\n", 2, "non-negative"),
        arguments("# TYPE c_total counter\nc_total NaN\n", 2, "non-negative"),
        arguments("# TYPE h histogram\nh 1\n", 2, "does not fit family 'h' of type histogram"),
        arguments("# TYPE g gauge\ng 1\ng_sum 2\n", 3, "does not fit family 'g'"),
        arguments("g 1\ng_sum 2\ng 3\n", 3, "belongs to family 'g' (untyped)"),
        arguments("# TYPE h histogram\nh_bucket 1\n", 2, "without an 'le' label"),
        arguments(
            "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count{le=\"1\"} 1\n",
            3,
            "'le' label outside a bucket"),
        arguments("# TYPE h histogram\nh_bucket{le=\"x\"} 1\n", 2, "'le' label value"),
        arguments(
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\nh_sum 1\n",
            4,
            "no le=\"+Inf\" bucket"),
        arguments(
            "# TYPE h histogram\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\n",
            3,
            "increasing order of 'le'"),
        arguments(
            "# TYPE h histogram\nh_bucket{le=\"1\"} 5\nh_bucket{le=\"+Inf\"} 4\n",
            3,
            "must not decrease"),
        arguments(
            "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 4\nh_count 5\nh_sum 1\n",
            4,
            "count that differs"),
        arguments(
            "# TYPE h histogram\nh_bucket{a=\"1\",le=\"+Inf\"} 1\n"
                + "h_bucket{a=\"2\",le=\"+Inf\"} 1\nh_count{a=\"1\"} 1\n",
            4,
            "interleaved"),
        arguments("# TYPE s summary\ns 1\n", 2, "without a 'quantile' label"),
        arguments(
            "# TYPE s summary\ns_count{quantile=\"0.5\"} 1\n", 2, "'quantile' label on a summary"),
        arguments(
            "# TYPE s summary\ns{quantile=\"0.9\"} 1\ns{quantile=\"0.5\"} 1\n",
            3,
            "quantiles must appear in increasing order"));
  }

  static Stream<Arguments> openMetrics() {
    return Stream.of(
        arguments("# TYPE a gauge\na 1\n", 2, "does not end with '# EOF'"),
        arguments("", 1, "does not end with '# EOF'"),
        arguments("# EOF\na 1\n", 2, "content after '# EOF'"),
        arguments("# EOF\n\n", 2, "content after '# EOF'"),
        arguments("a 1\n\n# EOF\n", 2, "blank lines"),
        arguments("# a comment\n# EOF\n", 1, "no comment lines"),
        arguments("#EOF\n", 1, "expected '# '"),
        arguments("# EOF \n", 1, "no comment lines"),
        arguments("# TYPE a_total counter\n# EOF\n", 1, "without _total"),
        arguments("# TYPE a counter\na 1\n# EOF\n", 2, "does not fit family 'a' of type counter"),
        arguments("# TYPE a counter\na_count 1\n# EOF\n", 2, "allowed: [a_total, a_created]"),
        arguments("# TYPE a counter\na_total -1\n# EOF\n", 2, "non-negative"),
        arguments("# TYPE i info\ni_info 2\n# EOF\n", 2, "info values must be 1"),
        arguments("# TYPE i info\ni 1\n# EOF\n", 2, "does not fit family 'i' of type info"),
        arguments("# TYPE s stateset\ns 1\n# EOF\n", 2, "without the label 's'"),
        arguments("# TYPE s stateset\ns{s=\"a\"} 2\n# EOF\n", 2, "0 or 1"),
        arguments("# TYPE a gauge\n# UNIT a seconds\n# EOF\n", 2, "must end with _seconds"),
        arguments("# TYPE a_s gauge\n# UNIT a_s s!\n# EOF\n", 2, "invalid unit"),
        arguments("# TYPE a Gauge\n# EOF\n", 1, "unknown metric type 'Gauge'"),
        arguments("# TYPE a untyped\n# EOF\n", 1, "unknown metric type 'untyped'"),
        arguments("# UNIT a_b b\n# UNIT a_b b\n# EOF\n", 2, "second UNIT line"),
        arguments("a  1\n# EOF\n", 1, "exactly one space"),
        arguments("a 1 \n# EOF\n", 1, "invalid timestamp ''"),
        arguments("a\t1\n# EOF\n", 1, "expected a single space"),
        arguments("a{b=\"1\",} 1\n# EOF\n", 1, "expected a label name"),
        arguments("a{b=\"1\", c=\"2\"} 1\n# EOF\n", 1, "expected a label name"),
        arguments("a 1 abc\n# EOF\n", 1, "invalid timestamp 'abc'"),
        arguments("a 1 Inf\n# EOF\n", 1, "invalid timestamp"),
        arguments("a 1\n# TYPE a gauge\n# EOF\n", 2, "after its samples"),
        arguments("# HELP a say \"hi\"\n# EOF\n", 1, "unescaped double quote"),
        arguments("# HELP a\n# EOF\n", 1, "expected a single space"),
        arguments("# TYPE g gauge\ng 1 # {a=\"b\"} 1\n# EOF\n", 2, "exemplars are only allowed"),
        arguments(
            "# TYPE c counter\nc_total 1 # {a=\"" + "x".repeat(128) + "\"} 1\n# EOF\n",
            2,
            "exceed 128 characters"),
        arguments("# TYPE c counter\nc_total 1 # 1\n# EOF\n", 2, "starts with its label set"),
        arguments("# TYPE c counter\nc_total 1 # {} x\n# EOF\n", 2, "invalid exemplar value"),
        arguments(
            "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\n# EOF\n",
            3,
            "both a sum and a count"),
        arguments(
            "# TYPE s summary\ns_count{a=\"1\"} 1\ns_count{a=\"2\"} 1\ns_sum{a=\"1\"} 1\n# EOF\n",
            4,
            "interleaved"),
        arguments(
            "# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\n# TYPE a gauge\n# EOF\n",
            5,
            "after its family ended"),
        arguments("a 1\na 2\n# EOF\n", 2, "duplicate series"));
  }

  @ParameterizedTest(name = "[{index}] line {1}: {2}")
  @MethodSource("prometheusText")
  void rejectsMalformedPrometheusText(String body, int line, String message) {
    assertRejected(body, TEXT, line, message);
  }

  @ParameterizedTest(name = "[{index}] line {1}: {2}")
  @MethodSource("openMetrics")
  void rejectsMalformedOpenMetrics(String body, int line, String message) {
    assertRejected(body, OPENMETRICS, line, message);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badContentTypes")
  void rejectsContentTypesThatAreNoExposition(String contentType, String message) {
    assertRejected("foo 1\n", contentType, 0, message);
  }

  static Stream<Arguments> badContentTypes() {
    return Stream.of(
        arguments(null, "no Content-Type"),
        arguments("application/json", "unsupported Content-Type"),
        arguments("text/plain; version=0.0.5", "expected 0.0.4"),
        arguments("application/openmetrics-text; version=0.0.1", "expected 1.0.0"),
        arguments("text/plain; charset=iso-8859-1", "not UTF-8"));
  }

  private static void assertRejected(String body, String contentType, int line, String message) {
    assertThatThrownBy(() -> ExpositionParser.parse(body, contentType))
        .isInstanceOf(ExpositionParseException.class)
        .hasMessageContaining(message)
        .satisfies(
            e ->
                assertThat(((ExpositionParseException) e).lineNumber()).as("line").isEqualTo(line));
  }
}
