package io.github.homelabha.adguard.simulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /control/stats} as AdGuard Home computes it: 24 hourly buckets, the last one the current,
 * partial hour; totals over the window (so they fall when an hour rolls off); the average
 * processing time an unweighted mean of the hourly averages; upstream figures without cached
 * answers.
 */
final class Statistics {
  static final int HOURS = 24;

  private final Clock clock;
  private final Map<Long, Bucket> buckets = new HashMap<>();

  Statistics(Clock clock) {
    this.clock = clock;
  }

  /** Counts of one hour. */
  private static final class Bucket {
    long queries;
    long blockedFiltering;
    long replacedSafebrowsing;
    long replacedParental;
    long replacedSafesearch;
    double elapsedSecondsSum;
    final Map<String, Long> domains = new HashMap<>();
    final Map<String, Long> blockedDomains = new HashMap<>();
    final Map<String, Long> clients = new HashMap<>();
    final Map<String, Long> upstreamResponses = new HashMap<>();
    final Map<String, Double> upstreamSeconds = new HashMap<>();
  }

  synchronized void record(QueryEntry e) {
    long hour = clock.millis() / 3_600_000L;
    buckets.keySet().removeIf(h -> h <= hour - HOURS);
    Bucket b = buckets.computeIfAbsent(hour, h -> new Bucket());
    b.queries++;
    double seconds = e.elapsedNanos() / 1e9;
    b.elapsedSecondsSum += seconds;
    switch (e.reason()) {
      case "FilteredBlackList", "FilteredBlockedService" -> b.blockedFiltering++;
      case "FilteredSafeBrowsing" -> b.replacedSafebrowsing++;
      case "FilteredParental" -> b.replacedParental++;
      case "FilteredSafeSearch" -> b.replacedSafesearch++;
      default -> {}
    }
    b.domains.merge(e.domain(), 1L, Long::sum);
    b.clients.merge(e.client(), 1L, Long::sum);
    if (e.blocked()) {
      b.blockedDomains.merge(e.domain(), 1L, Long::sum);
    }
    if (!e.cached() && !e.upstream().isEmpty() && e.status().equals("NOERROR")) {
      b.upstreamResponses.merge(e.upstream(), 1L, Long::sum);
      b.upstreamSeconds.merge(e.upstream(), seconds, Double::sum);
    }
  }

  synchronized void reset() {
    buckets.clear();
  }

  synchronized Map<String, Object> toJson() {
    long hour = clock.millis() / 3_600_000L;
    List<Long> queries = new ArrayList<>();
    List<Long> blocked = new ArrayList<>();
    List<Long> safebrowsing = new ArrayList<>();
    List<Long> parental = new ArrayList<>();
    long q = 0, bf = 0, sb = 0, par = 0, ss = 0;
    double avgSum = 0;
    int hoursWithQueries = 0;
    Map<String, Long> domains = new HashMap<>();
    Map<String, Long> blockedDomains = new HashMap<>();
    Map<String, Long> clients = new HashMap<>();
    Map<String, Long> upstreamResponses = new HashMap<>();
    Map<String, Double> upstreamSeconds = new HashMap<>();
    for (long h = hour - HOURS + 1; h <= hour; h++) {
      Bucket b = buckets.get(h);
      if (b == null) {
        b = new Bucket();
      }
      queries.add(b.queries);
      blocked.add(b.blockedFiltering);
      safebrowsing.add(b.replacedSafebrowsing);
      parental.add(b.replacedParental);
      q += b.queries;
      bf += b.blockedFiltering;
      sb += b.replacedSafebrowsing;
      par += b.replacedParental;
      ss += b.replacedSafesearch;
      if (b.queries > 0) {
        avgSum += b.elapsedSecondsSum / b.queries;
        hoursWithQueries++;
      }
      b.domains.forEach((k, v) -> domains.merge(k, v, Long::sum));
      b.blockedDomains.forEach((k, v) -> blockedDomains.merge(k, v, Long::sum));
      b.clients.forEach((k, v) -> clients.merge(k, v, Long::sum));
      b.upstreamResponses.forEach((k, v) -> upstreamResponses.merge(k, v, Long::sum));
      b.upstreamSeconds.forEach((k, v) -> upstreamSeconds.merge(k, v, Double::sum));
    }
    Map<String, Double> upstreamAvg = new HashMap<>();
    upstreamSeconds.forEach((k, v) -> upstreamAvg.put(k, v / upstreamResponses.get(k)));

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("time_units", "hours");
    out.put("num_dns_queries", q);
    out.put("num_blocked_filtering", bf);
    out.put("num_replaced_safebrowsing", sb);
    out.put("num_replaced_safesearch", ss);
    out.put("num_replaced_parental", par);
    out.put("avg_processing_time", hoursWithQueries == 0 ? 0.0 : avgSum / hoursWithQueries);
    out.put("top_queried_domains", top(domains, 100));
    out.put("top_clients", top(clients, 100));
    out.put("top_blocked_domains", top(blockedDomains, 100));
    out.put("top_upstreams_responses", top(upstreamResponses, 100));
    out.put("top_upstreams_avg_time", top(upstreamAvg, 100));
    out.put("dns_queries", queries);
    out.put("blocked_filtering", blocked);
    out.put("replaced_safebrowsing", safebrowsing);
    out.put("replaced_parental", parental);
    return out;
  }

  /** AdGuard's single-key objects, largest first: {@code [{"example.com": 123}]}. */
  private static <N extends Number> List<Map<String, N>> top(Map<String, N> counts, int n) {
    return counts.entrySet().stream()
        .sorted((a, b) -> Double.compare(b.getValue().doubleValue(), a.getValue().doubleValue()))
        .limit(n)
        .map(e -> Map.of(e.getKey(), e.getValue()))
        .toList();
  }
}
