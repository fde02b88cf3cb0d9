package io.github.homelabha.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParsedMetricsTest {
  private final ParsedMetrics metrics =
      ExpositionParser.parsePrometheusText(
          "# HELP x_up Whether the target answered.\n"
              + "# TYPE x_up gauge\n"
              + "x_up{target=\"a\",zone=\"z1\"} 1\n"
              + "x_up{target=\"b\",zone=\"z1\"} 0\n"
              + "# TYPE x_single gauge\n"
              + "x_single 42\n");

  @Test
  void findsFamiliesAndSamplesByName() {
    assertThat(metrics.family("x_up").orElseThrow().help())
        .isEqualTo("Whether the target answered.");
    assertThat(metrics.family("x_missing")).isEmpty();
    assertThat(metrics.samples("x_up")).hasSize(2);
    assertThat(metrics.samples("x_up", "zone", "z1", "target", "b"))
        .singleElement()
        .satisfies(s -> assertThat(s.value()).isZero());
  }

  @Test
  void valueMatchesALabelSubsetThatMustBeUnique() {
    assertThat(metrics.value("x_up", "target", "a")).hasValue(1);
    assertThat(metrics.value("x_up", "target", "c")).isEmpty();
    assertThat(metrics.value("x_single")).hasValue(42);
    assertThatThrownBy(() -> metrics.value("x_up", "zone", "z1"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ambiguous: 2 samples match x_up{zone=z1}");
  }

  @Test
  void valueOfFailsTheTestWhenMissingOrAmbiguous() {
    assertThat(metrics.valueOf("x_up", "target", "b")).isZero();
    assertThatThrownBy(() -> metrics.valueOf("x_up", "target", "c"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no sample matches x_up{target=c}")
        .hasMessageContaining("target=a");
    assertThatThrownBy(() -> metrics.valueOf("x_up")).isInstanceOf(AssertionError.class);
  }

  @Test
  void hasNeedsOnlyOneMatch() {
    assertThat(metrics.has("x_up")).isTrue();
    assertThat(metrics.has("x_up", "zone", "z1")).isTrue();
    assertThat(metrics.has("x_up", "zone", "z2")).isFalse();
    assertThat(metrics.has("x_down")).isFalse();
  }

  @Test
  void labelPairsMustComeInPairs() {
    assertThatThrownBy(() -> metrics.value("x_up", "target"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("odd count");
  }

  @Test
  void parsedRecordsAreImmutable() {
    var sample = metrics.samples("x_single").get(0);
    assertThatThrownBy(() -> sample.labels().put("a", "b"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> metrics.families().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
