package io.github.homelabha.drill.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
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

  /** Seeded truncations and byte flips of a real answer fail only with our own exception. */
  @Test
  void mutatedAnswersFailOnlyWithTheParseException() throws Exception {
    byte[] real = recorded().getBytes(StandardCharsets.UTF_8);
    Random random = new Random(15);
    int rejected = 0;
    for (int i = 0; i < 3000; i++) {
      byte[] mutated;
      if (i % 3 == 0) {
        mutated = java.util.Arrays.copyOf(real, random.nextInt(real.length));
      } else {
        mutated = real.clone();
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
          mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
        }
      }
      try {
        List<Sample> samples =
            ExpositionSamples.parse(
                new String(mutated, StandardCharsets.UTF_8), ClusterReader.METRICS);
        ClusterReader.toReading("n1", 0, samples);
      } catch (ExpositionParseException e) {
        rejected++;
      }
    }
    assertThat(rejected).isGreaterThan(1000);
  }
}
