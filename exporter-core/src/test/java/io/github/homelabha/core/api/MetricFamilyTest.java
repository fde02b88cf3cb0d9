package io.github.homelabha.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricFamilyTest {
  @Test
  void namesFollowPrometheusConventions() {
    assertThatThrownBy(() -> MetricFamily.counter("x_events", "help"))
        .hasMessageContaining("_total");
    assertThatThrownBy(() -> MetricFamily.info("x_version", "help")).hasMessageContaining("_info");
    assertThatThrownBy(() -> MetricFamily.gauge("x-y", "help")).hasMessageContaining("invalid");
    assertThatThrownBy(() -> MetricFamily.gauge("x", " ")).hasMessageContaining("help");
  }

  @Test
  void labelsThatPrometheusOrTheCoreSetAreRejected() {
    for (String reserved : new String[] {"target", "job", "instance", "__name__"}) {
      assertThatThrownBy(() -> MetricFamily.gauge("x", "help", reserved))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> MetricFamily.gauge("x", "help", "a", "a"))
        .hasMessageContaining("duplicate");
  }

  @Test
  void baseNameAndDescriptorMatchClientJava() {
    MetricFamily c = MetricFamily.counter("x_events_total", "Events.", "kind");
    assertThat(c.baseName()).isEqualTo("x_events");
    assertThat(c.descriptor().getLabelNames()).containsExactly("kind");
    assertThat(MetricFamily.info("x_build_info", "Build.").baseName()).isEqualTo("x_build");
  }
}
