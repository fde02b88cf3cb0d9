package io.github.homelabha.drill.cluster;

import java.util.Map;

/** One sample line of the Prometheus text format. */
public record Sample(String name, Map<String, String> labels, double value) {
  public Sample {
    labels = Map.copyOf(labels);
  }
}
