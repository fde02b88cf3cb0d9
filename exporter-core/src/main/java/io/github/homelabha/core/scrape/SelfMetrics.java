package io.github.homelabha.core.scrape;

import io.github.homelabha.core.api.MetricFamily;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The metrics every exporter has about itself: {@code <ns>_up}, {@code
 * <ns>_scrape_duration_seconds}, {@code <ns>_scrape_errors_total} and {@code
 * <exporter>_exporter_build_info}.
 */
public final class SelfMetrics {
  private final String namespace;
  private final String exporterName;
  private final BuildInfo buildInfo;
  private final List<Family> families;

  /** A self metric family as it appears in the metric catalog. */
  public record Family(String name, String type, String help, List<String> labels) {}

  public SelfMetrics(String namespace, String exporterName, BuildInfo buildInfo) {
    this.namespace = namespace;
    this.exporterName = exporterName;
    this.buildInfo = buildInfo;
    // built once: their help texts are read at every scrape
    this.families = declare(namespace, exporterName);
  }

  /** What {@link #snapshots} can emit, for the catalog. {@code target} appears on multi-target. */
  public List<Family> families() {
    return families;
  }

  /** The self metric families of an exporter, as listed in its catalog. */
  public static List<Family> declare(String namespace, String exporterName) {
    return List.of(
        new Family(
            namespace + "_up",
            "gauge",
            "1 if the last scrape of the target succeeded, 0 if it failed (see the landing page"
                + " or the log for why).",
            List.of("target")),
        new Family(
            namespace + "_scrape_duration_seconds",
            "gauge",
            "How long the last scrape of the target took.",
            List.of("target")),
        new Family(
            namespace + "_scrape_errors_total",
            "counter",
            "Failed scrapes by target and reason.",
            List.of("target", "reason")),
        new Family(
            exporterName + "_exporter_build_info",
            "info",
            "Version of the exporter and the Java runtime it runs on.",
            List.of("version", "revision", "java_version")));
  }

  /** One scraped target's outcome, with its label value or null when unlabelled. */
  record Outcome(String targetLabel, ScrapeResult result, Map<String, Long> errors) {}

  List<MetricSnapshot> snapshots(List<Outcome> outcomes, boolean includeBuildInfo) {
    GaugeSnapshot.Builder up =
        GaugeSnapshot.builder().name(namespace + "_up").help(families.get(0).help());
    GaugeSnapshot.Builder duration =
        GaugeSnapshot.builder()
            .name(namespace + "_scrape_duration_seconds")
            .help(families.get(1).help());
    CounterSnapshot.Builder errors =
        CounterSnapshot.builder().name(namespace + "_scrape_errors").help(families.get(2).help());
    boolean anyErrors = false;
    for (Outcome o : outcomes) {
      Labels labels =
          o.targetLabel() == null
              ? Labels.EMPTY
              : Labels.of(MetricFamily.TARGET_LABEL, o.targetLabel());
      up.dataPoint(
          GaugeSnapshot.GaugeDataPointSnapshot.builder()
              .labels(labels)
              .value(o.result().success() ? 1 : 0)
              .build());
      duration.dataPoint(
          GaugeSnapshot.GaugeDataPointSnapshot.builder()
              .labels(labels)
              .value(o.result().duration().toNanos() / 1e9)
              .build());
      for (Map.Entry<String, Long> e : o.errors().entrySet()) {
        anyErrors = true;
        errors.dataPoint(
            CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(labels.add("reason", e.getKey()))
                .value(e.getValue())
                .build());
      }
    }
    List<MetricSnapshot> out = new ArrayList<>();
    out.add(up.build());
    out.add(duration.build());
    if (anyErrors) {
      out.add(errors.build());
    }
    if (includeBuildInfo) {
      out.add(
          InfoSnapshot.builder()
              .name(exporterName + "_exporter_build")
              .help(families.get(3).help())
              .dataPoint(
                  InfoSnapshot.InfoDataPointSnapshot.builder()
                      .labels(
                          Labels.of(
                              "version", buildInfo.version(),
                              "revision", buildInfo.revision(),
                              "java_version", buildInfo.javaVersion()))
                      .build())
              .build());
    }
    return out;
  }
}
