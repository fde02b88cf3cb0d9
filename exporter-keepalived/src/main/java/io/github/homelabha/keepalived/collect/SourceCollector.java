package io.github.homelabha.keepalived.collect;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.keepalived.fifo.NotifyFifoReader;
import io.github.homelabha.keepalived.process.FreshDump;
import java.util.List;
import java.util.Optional;

/**
 * Where a scrape's data came from: the dump ({@code keepalived_dump_age_seconds}, {@code
 * keepalived_dump_duration_seconds}), the keepalived binary ({@code keepalived_version_info}) and
 * the notify FIFO ({@code keepalived_notify_fifo_connected}).
 */
public final class SourceCollector {
  public static final MetricFamily DUMP_AGE =
      MetricFamily.gauge(
          "keepalived_dump_age_seconds",
          "Age of the dump this scrape was answered from, at the time of the scrape");
  public static final MetricFamily DUMP_DURATION =
      MetricFamily.gauge(
          "keepalived_dump_duration_seconds",
          "Time from signalling keepalived to having parsed its new dump");
  public static final MetricFamily VERSION_INFO =
      MetricFamily.info("keepalived_version_info", "Version of the keepalived binary", "version");
  public static final MetricFamily FIFO_CONNECTED =
      MetricFamily.gauge(
          "keepalived_notify_fifo_connected",
          "1 while keepalived has the notify FIFO open for writing and the exporter reads it");

  private SourceCollector() {}

  public static void writeDump(FreshDump fresh, MetricWriter out) {
    double age = Math.max(0, System.currentTimeMillis() - fresh.writtenAtMillis()) / 1000.0;
    out.gauge(DUMP_AGE, age);
    out.gauge(DUMP_DURATION, fresh.duration().toNanos() / 1e9);
  }

  public static void writeProcess(
      Optional<String> version, Optional<NotifyFifoReader> fifo, MetricWriter out) {
    version.ifPresent(v -> out.info(VERSION_INFO, v));
    fifo.ifPresent(f -> out.gauge(FIFO_CONNECTED, f.problem().isEmpty()));
  }

  static List<MetricFamily> families() {
    return List.of(DUMP_AGE, DUMP_DURATION, VERSION_INFO, FIFO_CONNECTED);
  }
}
