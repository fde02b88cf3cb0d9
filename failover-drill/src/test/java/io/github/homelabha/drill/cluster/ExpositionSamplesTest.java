package io.github.homelabha.drill.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.testkit.Mutations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpositionSamplesTest {
  static String recorded() throws IOException {
    try (InputStream in =
        ExpositionSamplesTest.class.getResourceAsStream("/keepalived-exporter-master.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsUpAndInstanceStateFromARealExporterAnswer() throws Exception {
    List<Sample> samples = ExpositionSamples.parse(recorded(), ClusterReader.METRICS);
    NodeReading reading = ClusterReader.toReading("n1", 0, samples);
    assertThat(reading.keepalivedUp()).isTrue();
    assertThat(reading.stateOf("VI_WEB")).contains(NodeReading.MASTER);
  }

  @Test
  void readsEscapedLabelValuesAndSpecialNumbers() throws Exception {
    String text =
        "# HELP x y\nkeepalived_vrrp_instance_state{iname=\"a\\\"b\\\\c\\nd\",x=\"\"} 2 1700000000000\n"
            + "keepalived_up NaN\nother_metric +Inf\n";
    List<Sample> samples =
        ExpositionSamples.parse(text, Set.of("keepalived_vrrp_instance_state", "keepalived_up"));
    assertThat(samples).hasSize(2);
    assertThat(samples.get(0).labels()).containsEntry("iname", "a\"b\\c\nd");
    assertThat(samples.get(1).value()).isNaN();
  }

  @Test
  void rejectsGarbageWithTheLineNumber() {
    assertThatThrownBy(() -> ExpositionSamples.parse("keepalived_up 1\nfoo{a=1} 2\n", Set.of()))
        .isInstanceOf(ExpositionParseException.class)
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> ExpositionSamples.parse("keepalived_up 1", Set.of()))
        .isInstanceOf(ExpositionParseException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> ExpositionSamples.parse("keepalived_up Infinity\n", Set.of()))
        .isInstanceOf(ExpositionParseException.class);
  }

  /** Every truncation and seeded mutants of a real answer fail only with our own exception. */
  @Test
  void mutatedAnswersFailOnlyWithTheParseException() throws Exception {
    List<String> mutants =
        Mutations.of(
            recorded(),
            15,
            3000,
            "keepalived_up 1\n",
            "{iname=\"",
            "keepalived_vrrp_instance_state{iname=\"VI_WEB\"} 2\n",
            "\\",
            " NaN");
    int rejected = 0;
    for (String mutant : mutants) {
      try {
        ClusterReader.toReading("n1", 0, ExpositionSamples.parse(mutant, ClusterReader.METRICS));
      } catch (ExpositionParseException e) {
        rejected++;
      }
    }
    assertThat(rejected).isGreaterThan(mutants.size() / 2);
  }
}
