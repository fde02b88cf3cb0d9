package io.github.homelabha.core.scrape;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/** Merges same-named snapshots from several targets; their series differ by {@code target}. */
final class SnapshotMerger {
  private SnapshotMerger() {}

  static MetricSnapshot merge(List<MetricSnapshot> group) {
    MetricSnapshot first = group.get(0);
    if (first instanceof GaugeSnapshot) {
      GaugeSnapshot.Builder b =
          GaugeSnapshot.builder().name(first.getMetadata().getName()).help(help(first));
      group.forEach(s -> ((GaugeSnapshot) s).getDataPoints().forEach(b::dataPoint));
      return b.build();
    }
    if (first instanceof CounterSnapshot) {
      CounterSnapshot.Builder b =
          CounterSnapshot.builder().name(first.getMetadata().getName()).help(help(first));
      group.forEach(s -> ((CounterSnapshot) s).getDataPoints().forEach(b::dataPoint));
      return b.build();
    }
    if (first instanceof InfoSnapshot) {
      InfoSnapshot.Builder b =
          InfoSnapshot.builder().name(first.getMetadata().getName()).help(help(first));
      group.forEach(s -> ((InfoSnapshot) s).getDataPoints().forEach(b::dataPoint));
      return b.build();
    }
    if (first instanceof HistogramSnapshot) {
      HistogramSnapshot.Builder b =
          HistogramSnapshot.builder().name(first.getMetadata().getName()).help(help(first));
      group.forEach(s -> ((HistogramSnapshot) s).getDataPoints().forEach(b::dataPoint));
      return b.build();
    }
    throw new IllegalStateException("cannot merge " + first.getClass().getSimpleName());
  }

  private static String help(MetricSnapshot s) {
    return s.getMetadata().getHelp();
  }
}
