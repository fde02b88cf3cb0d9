package io.github.homelabha.adguard.collector;

import io.github.homelabha.adguard.model.Stats;
import io.github.homelabha.adguard.model.TopEntry;
import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code adguard_stats_window_*}: AdGuard's own statistics over its retention window (label {@code
 * window}, e.g. {@code 24h}). They are gauges that fall when an hour rolls off: for rates use
 * {@code adguard_queries_total}, counted from the query log.
 */
public final class StatsCollector {
  public static final MetricFamily QUERIES =
      MetricFamily.gauge(
          "adguard_stats_window_queries", "DNS queries within the statistics window.", "window");
  public static final MetricFamily BLOCKED =
      MetricFamily.gauge(
          "adguard_stats_window_blocked",
          "Queries blocked or replaced within the window, by reason (filtering, safebrowsing,"
              + " safesearch, parental).",
          "window",
          "reason");
  public static final MetricFamily AVG_PROCESSING =
      MetricFamily.gauge(
          "adguard_stats_window_avg_processing_seconds",
          "Mean of the hourly average processing times within the window.",
          "window");
  public static final MetricFamily TOP_DOMAINS =
      MetricFamily.gauge(
          "adguard_stats_window_top_domain_queries",
          "Queries of the most queried domains within the window (top N).",
          "window",
          "domain");
  public static final MetricFamily TOP_BLOCKED =
      MetricFamily.gauge(
          "adguard_stats_window_top_blocked_domain_queries",
          "Queries of the most blocked domains within the window (top N).",
          "window",
          "domain");
  public static final MetricFamily TOP_CLIENTS =
      MetricFamily.gauge(
          "adguard_stats_window_top_client_queries",
          "Queries of the busiest clients within the window (top N).",
          "window",
          "client");
  public static final MetricFamily UPSTREAM_RESPONSES =
      MetricFamily.gauge(
          "adguard_stats_window_upstream_responses",
          "Answers per upstream within the window (cached answers and failed exchanges left"
              + " out), top N.",
          "window",
          "upstream");
  public static final MetricFamily UPSTREAM_AVG_TIME =
      MetricFamily.gauge(
          "adguard_stats_window_upstream_avg_response_seconds",
          "Average answer time per upstream within the window, top N.",
          "window",
          "upstream");

  public static final List<MetricFamily> FAMILIES =
      List.of(
          QUERIES,
          BLOCKED,
          AVG_PROCESSING,
          TOP_DOMAINS,
          TOP_BLOCKED,
          TOP_CLIENTS,
          UPSTREAM_RESPONSES,
          UPSTREAM_AVG_TIME);

  private StatsCollector() {}

  public static void write(Stats s, int topN, MetricWriter out) {
    String w = s.window();
    out.gauge(QUERIES, s.queries(), w);
    out.gauge(BLOCKED, s.blockedFiltering(), w, "filtering");
    out.gauge(BLOCKED, s.replacedSafebrowsing(), w, "safebrowsing");
    out.gauge(BLOCKED, s.replacedSafesearch(), w, "safesearch");
    out.gauge(BLOCKED, s.replacedParental(), w, "parental");
    out.gauge(AVG_PROCESSING, s.avgProcessingSeconds(), w);
    top(TOP_DOMAINS, s.topQueriedDomains(), topN, w, out);
    top(TOP_BLOCKED, s.topBlockedDomains(), topN, w, out);
    top(TOP_CLIENTS, s.topClients(), topN, w, out);
    top(UPSTREAM_RESPONSES, s.topUpstreamsResponses(), topN, w, out);
    top(UPSTREAM_AVG_TIME, s.topUpstreamsAvgTime(), topN, w, out);
  }

  private static void top(
      MetricFamily family, List<TopEntry> entries, int n, String window, MetricWriter out) {
    Set<String> seen = new HashSet<>();
    for (TopEntry e : entries) {
      if (seen.size() >= n) {
        break;
      }
      if (seen.add(e.key())) {
        out.gauge(family, e.value(), window, e.key());
      }
    }
  }
}
