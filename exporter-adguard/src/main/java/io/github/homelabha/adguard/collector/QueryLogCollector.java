package io.github.homelabha.adguard.collector;

import io.github.homelabha.adguard.querylog.QueryCounts;
import io.github.homelabha.adguard.querylog.QueryLogTailer;
import io.github.homelabha.core.api.Histogram;
import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import java.util.List;
import java.util.Map;

/**
 * {@code adguard_queries_*}, {@code adguard_upstream_queries_total}, {@code
 * adguard_query_duration_seconds}, {@code adguard_querylog_*}: true counters, counted from the
 * query log since the exporter started (history before is not counted). The sum of {@code
 * adguard_queries_total} over {@code reason} is every query AdGuard logged since then.
 */
public final class QueryLogCollector {
  public static final MetricFamily QUERIES =
      MetricFamily.counter(
          "adguard_queries_total",
          "Queries logged since the exporter started, by filtering reason (AdGuard's names, e.g."
              + " NotFilteredNotFound, FilteredBlackList; unknown ones as other).",
          "reason");
  public static final MetricFamily BY_TYPE =
      MetricFamily.counter(
          "adguard_queries_by_type_total",
          "Queries logged, by question type (A, AAAA, ...).",
          "type");
  public static final MetricFamily BY_STATUS =
      MetricFamily.counter(
          "adguard_queries_by_status_total",
          "Queries logged, by response code (NOERROR, NXDOMAIN, SERVFAIL, ...).",
          "status");
  public static final MetricFamily CACHED =
      MetricFamily.counter(
          "adguard_queries_cached_total", "Queries answered from AdGuard's cache.");
  public static final MetricFamily UPSTREAM =
      MetricFamily.counter(
          "adguard_upstream_queries_total",
          "Queries sent to an upstream, by upstream and response code (SERVFAIL: the upstream"
              + " failed).",
          "upstream",
          "status");
  public static final MetricFamily DURATION =
      MetricFamily.histogram(
          "adguard_query_duration_seconds", "Processing time of logged queries (elapsedMs).");
  public static final MetricFamily ENTRIES_READ =
      MetricFamily.counter(
          "adguard_querylog_entries_read_total",
          "Query-log entries received, overlap and duplicates included (the cost of tailing).");
  public static final MetricFamily INCOMPLETE =
      MetricFamily.counter(
          "adguard_querylog_incomplete_polls_total",
          "Reads of the query log that may have missed entries (more than"
              + " querylog.max_entries_per_scrape logged between two scrapes).");

  public static final List<MetricFamily> FAMILIES =
      List.of(QUERIES, BY_TYPE, BY_STATUS, CACHED, UPSTREAM, DURATION, ENTRIES_READ, INCOMPLETE);

  private QueryLogCollector() {}

  public static void write(QueryLogTailer tailer, MetricWriter out) {
    QueryCounts c = tailer.counts();
    c.byReason().forEach((reason, n) -> out.counter(QUERIES, n, reason));
    if (c.byReason().isEmpty()) {
      out.counter(QUERIES, 0, "NotFilteredNotFound");
    }
    c.byType().forEach((type, n) -> out.counter(BY_TYPE, n, type));
    c.byStatus().forEach((status, n) -> out.counter(BY_STATUS, n, status));
    out.counter(CACHED, c.cached());
    for (Map.Entry<String, Map<String, Long>> u : c.byUpstream().entrySet()) {
      u.getValue().forEach((status, n) -> out.counter(UPSTREAM, n, u.getKey(), status));
    }
    out.histogram(
        DURATION,
        new Histogram(QueryCounts.DURATION_BUCKETS, c.durationBuckets(), c.durationSum()));
    out.counter(ENTRIES_READ, tailer.entriesRead());
    out.counter(INCOMPLETE, tailer.truncatedPolls());
  }
}
