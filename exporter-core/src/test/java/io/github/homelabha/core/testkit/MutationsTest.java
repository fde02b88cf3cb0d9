package io.github.homelabha.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MutationsTest {
  private static final String SAMPLE = "key=value\nother: [1, 2, 3]\n";

  @Test
  void theSameSeedGivesTheSameMutants() {
    List<byte[]> a = Mutations.of(SAMPLE.getBytes(StandardCharsets.UTF_8), 42, 500);
    List<byte[]> b = Mutations.of(SAMPLE.getBytes(StandardCharsets.UTF_8), 42, 500);
    assertThat(a).hasSameSizeAs(b);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i)).as("mutant %d", i).isEqualTo(b.get(i));
    }
  }

  @Test
  void everyPrefixComesFirstThenMutantsThatDiffer() {
    byte[] sample = SAMPLE.getBytes(StandardCharsets.UTF_8);
    List<byte[]> mutants = Mutations.of(sample, 7, 200);
    assertThat(mutants).hasSize(sample.length + 1 + 200);
    for (int i = 0; i <= sample.length; i++) {
      assertThat(mutants.get(i)).isEqualTo(Arrays.copyOf(sample, i));
    }
    long changed =
        mutants.subList(sample.length + 1, mutants.size()).stream()
            .filter(m -> !Arrays.equals(m, sample))
            .count();
    assertThat(changed).isGreaterThan(190);
  }

  @Test
  void textMutantsGetTheFormatsTokens() {
    List<String> mutants = Mutations.of(SAMPLE, 3, 2000, "<<TOKEN>>");
    assertThat(mutants).anySatisfy(m -> assertThat(m).contains("<<TOKEN>>"));
  }
}
