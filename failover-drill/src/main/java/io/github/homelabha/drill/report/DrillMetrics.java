package io.github.homelabha.drill.report;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;

/**
 * The drill's result as metrics, for the Pushgateway and the textfile collector. A refused drill
 * has only {@code drill_success 0} and {@code drill_refusal_info}: it measured nothing else.
 */
public final class DrillMetrics {
  static final String SUCCESS = "drill_success";
  static final String LAST_RUN = "drill_last_run_timestamp_seconds";
  static final String SWITCH = "drill_switch_seconds";
  static final String INTERRUPTION = "drill_service_interruption_seconds";
  static final String FAILED_PROBES = "drill_service_failed_probes";
  static final String SERVICE_OK = "drill_service_ok";
  static final String REFUSAL = "drill_refusal"; // exposed as drill_refusal_info

  private DrillMetrics() {}

  /** {@code finishedEpochSeconds}: when the drill ended. */
  public static MetricSnapshots of(DrillReport report, double finishedEpochSeconds) {
    List<MetricSnapshot> out = new ArrayList<>();
    boolean passed = report.result() == DrillReport.Result.PASS;
    out.add(
        gauge(
            SUCCESS,
            "1 when the last drill passed, 0 when it failed or was refused.",
            point(passed ? 1 : 0)));
    if (report.result() == DrillReport.Result.REFUSED) {
      out.add(
          InfoSnapshot.builder()
              .name(REFUSAL)
              .help("Why the last drill was refused (nothing was triggered).")
              .dataPoint(
                  InfoDataPointSnapshot.builder()
                      .labels(Labels.of("reason", report.reason()))
                      .build())
              .build());
      return MetricSnapshots.of(out.toArray(MetricSnapshot[]::new));
    }
    out.add(
        GaugeSnapshot.builder()
            .name(LAST_RUN)
            .help("When the last drill that triggered a failover ended, as a Unix timestamp.")
            .unit(Unit.SECONDS)
            .dataPoint(point(finishedEpochSeconds))
            .build());
    PhaseReport failover = report.failover();
    if (failover.switchSeconds() != null) {
      out.add(
          GaugeSnapshot.builder()
              .name(SWITCH)
              .help("Seconds from triggering the failover until another node reported MASTER.")
              .unit(Unit.SECONDS)
              .dataPoint(point(failover.switchSeconds()))
              .build());
    }
    GaugeSnapshot.Builder interruption =
        GaugeSnapshot.builder()
            .name(INTERRUPTION)
            .help(
                "Seconds the service did not answer through the VIP during the failover (first"
                    + " failed probe to the probe after which it stayed up).")
            .unit(Unit.SECONDS);
    GaugeSnapshot.Builder failed =
        GaugeSnapshot.builder()
            .name(FAILED_PROBES)
            .help("Probes of the service that failed during the failover.");
    GaugeSnapshot.Builder ok =
        GaugeSnapshot.builder()
            .name(SERVICE_OK)
            .help(
                "1 when the service stayed within its max_interruption during the failover and"
                    + " the way back, else 0.");
    for (ServiceResult s : failover.services()) {
      Labels labels = Labels.of("service", s.name());
      if (s.interruptionSeconds() != null) {
        interruption.dataPoint(point(s.interruptionSeconds(), labels));
      }
      failed.dataPoint(point(s.failedProbes(), labels));
      ok.dataPoint(point(serviceOk(report, s.name()) ? 1 : 0, labels));
    }
    out.add(interruption.build());
    out.add(failed.build());
    out.add(ok.build());
    return MetricSnapshots.of(out.toArray(MetricSnapshot[]::new));
  }

  private static boolean serviceOk(DrillReport report, String service) {
    boolean ok =
        report.failover().services().stream().anyMatch(s -> s.name().equals(service) && s.ok());
    if (report.restore() != null) {
      ok &= report.restore().services().stream().anyMatch(s -> s.name().equals(service) && s.ok());
    }
    return ok;
  }

  private static GaugeSnapshot gauge(String name, String help, GaugeDataPointSnapshot point) {
    return GaugeSnapshot.builder().name(name).help(help).dataPoint(point).build();
  }

  private static GaugeDataPointSnapshot point(double value) {
    return GaugeDataPointSnapshot.builder().value(value).build();
  }

  private static GaugeDataPointSnapshot point(double value, Labels labels) {
    return GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
  }
}
