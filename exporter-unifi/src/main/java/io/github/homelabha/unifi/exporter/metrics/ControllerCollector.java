package io.github.homelabha.unifi.exporter.metrics;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.unifi.client.model.Alarm;
import io.github.homelabha.unifi.client.model.Event;
import io.github.homelabha.unifi.client.model.Site;
import io.github.homelabha.unifi.client.model.SysInfo;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code unifi_controller_info}, {@code unifi_site_info}, alarms and events. */
public final class ControllerCollector {
  static final MetricFamily CONTROLLER_INFO =
      MetricFamily.info(
          "unifi_controller_info",
          "The Network application's version, and the UniFi OS version on consoles (else empty).",
          "version",
          "console_version");
  static final MetricFamily SITE_INFO =
      MetricFamily.info(
          "unifi_site_info",
          "A site read by the exporter, with its display name.",
          "site",
          "description");
  static final MetricFamily ALARMS =
      MetricFamily.gauge(
          "unifi_alarms", "Alarms not yet archived (acknowledged) in the controller.", "site");
  static final MetricFamily RECENT_EVENTS =
      MetricFamily.gauge(
          "unifi_recent_events",
          "Events the controller logged in the last hour, by subsystem (wlan, lan, wan, ...).",
          "site",
          "subsystem");

  public static final List<MetricFamily> FAMILIES =
      List.of(CONTROLLER_INFO, SITE_INFO, ALARMS, RECENT_EVENTS);

  private ControllerCollector() {}

  public static void writeController(SysInfo info, MetricWriter out) {
    out.info(CONTROLLER_INFO, info.version(), info.consoleVersion());
  }

  public static void writeSite(Site site, MetricWriter out) {
    out.info(SITE_INFO, site.name(), site.description());
  }

  public static void writeAlarms(String site, List<Alarm> alarms, MetricWriter out) {
    out.gauge(ALARMS, alarms.stream().filter(a -> !a.archived()).count(), site);
  }

  /** Events older than an hour (by the controller's clock {@code nowMillis}) are not counted. */
  public static void writeEvents(
      String site, List<Event> events, long nowMillis, MetricWriter out) {
    Map<String, Integer> bySubsystem = new TreeMap<>();
    for (Event e : events) {
      if (e.timeMillis() >= nowMillis - 3_600_000L) {
        bySubsystem.merge(e.subsystem().isEmpty() ? "other" : e.subsystem(), 1, Integer::sum);
      }
    }
    bySubsystem.forEach((sub, n) -> out.gauge(RECENT_EVENTS, n, site, sub));
  }
}
