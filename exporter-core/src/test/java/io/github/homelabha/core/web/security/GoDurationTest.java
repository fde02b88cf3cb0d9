package io.github.homelabha.core.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void parsesGoSyntax() {
    assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(GoDuration.parse("200ms")).isEqualTo(Duration.ofMillis(200));
    assertThat(GoDuration.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(GoDuration.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(GoDuration.parse("10us")).isEqualTo(Duration.ofNanos(10_000));
    assertThat(GoDuration.parse("10µs")).isEqualTo(Duration.ofNanos(10_000));
    assertThat(GoDuration.parse(".5s")).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void refusesEverythingElse() {
    for (String bad :
        new String[] {
          "", "1", "s", "10 s", "1d", "-1s", "1s ", "1.2.3s", "1ss", "9999999999999h"
        }) {
      assertThat(GoDuration.parse(bad)).as(bad).isNull();
    }
  }
}
