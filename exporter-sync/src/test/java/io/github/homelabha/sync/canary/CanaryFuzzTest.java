package io.github.homelabha.sync.canary;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.homelabha.core.testkit.Mutations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Mutants of a real canary fail only with our parse exception, and quickly. */
class CanaryFuzzTest {
  @Test
  void mutantsFailOnlyWithCanaryParseException() {
    byte[] sample =
        CanaryFormat.format(new Canary(Instant.ofEpochMilli(1763923200123L), 123456, "pi-nas"))
            .getBytes(StandardCharsets.UTF_8);
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          int parsed = 0;
          for (byte[] mutant : Mutations.of(sample, 20261123L, 20_000)) {
            try {
              CanaryFormat.parse(mutant);
              parsed++;
            } catch (CanaryParseException expected) {
              // the only failure allowed
            }
          }
          // The unmutated full-length prefix parses; most mutants must not.
          org.assertj.core.api.Assertions.assertThat(parsed).isPositive().isLessThan(20_000);
        });
  }
}
