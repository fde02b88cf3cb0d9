package io.github.homelabha.core.testkit;

import java.util.List;
import java.util.Set;

/**
 * The two text formats the parser reads, and the per-format rules about which metric types exist
 * and which sample names a family of each type may contain.
 */
enum ExpositionFormat {
  /** Prometheus text format 0.0.4 ({@code text/plain; version=0.0.4}). */
  PROMETHEUS_TEXT,
  /** OpenMetrics 1.0 text ({@code application/openmetrics-text; version=1.0.0}). */
  OPENMETRICS;

  private static final Set<String> TEXT_TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");
  private static final Set<String> OPENMETRICS_TYPES =
      Set.of(
          "counter",
          "gauge",
          "histogram",
          "gaugehistogram",
          "stateset",
          "info",
          "summary",
          "unknown");

  /** The type of a family that has no TYPE line. */
  String implicitType() {
    return this == OPENMETRICS ? "unknown" : "untyped";
  }

  boolean isKnownType(String type) {
    return (this == OPENMETRICS ? OPENMETRICS_TYPES : TEXT_TYPES).contains(type);
  }

  /**
   * The suffixes a sample name may add to its family's name; {@code ""} stands for the bare family
   * name. In the text format a counter's family name already ends in {@code _total} and info
   * metrics are plain gauges; in OpenMetrics the family name carries neither suffix.
   */
  List<String> sampleSuffixes(String type) {
    if (this == PROMETHEUS_TEXT) {
      return switch (type) {
        case "histogram" -> List.of("_bucket", "_count", "_sum");
        case "summary" -> List.of("", "_count", "_sum");
        default -> List.of("");
      };
    }
    return switch (type) {
      case "counter" -> List.of("_total", "_created");
      case "info" -> List.of("_info");
      case "histogram" -> List.of("_bucket", "_count", "_sum", "_created");
      case "gaugehistogram" -> List.of("_bucket", "_gcount", "_gsum");
      case "summary" -> List.of("", "_count", "_sum", "_created");
      default -> List.of("");
    };
  }

  /** OpenMetrics 1.0 allows exemplars on counter totals and histogram buckets only. */
  boolean allowsExemplar(String type, String suffix) {
    return this == OPENMETRICS
        && (("counter".equals(type) && "_total".equals(suffix))
            || (("histogram".equals(type) || "gaugehistogram".equals(type))
                && "_bucket".equals(suffix)));
  }
}
