package io.github.homelabha.adguard.querylog;

import io.github.homelabha.adguard.model.QueryLogEntry;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counters built from query-log entries: by filtering reason, query type, response status,
 * upstream, cached, and a processing-time histogram. Label values come from bounded sets (unknown
 * values count as {@code other}; at most {@link #MAX_UPSTREAMS} upstreams), so a hostile or unusual
 * log cannot create unbounded series.
 */
public final class QueryCounts {
  public static final int MAX_UPSTREAMS = 16;
  public static final String OTHER = "other";

  /** Upper bounds of the processing-time buckets, in seconds. */
  public static final double[] DURATION_BUCKETS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  static final Set<String> REASONS =
      Set.of(
          "NotFilteredNotFound",
          "NotFilteredWhiteList",
          "NotFilteredError",
          "FilteredBlackList",
          "FilteredSafeBrowsing",
          "FilteredParental",
          "FilteredInvalid",
          "FilteredSafeSearch",
          "FilteredBlockedService",
          "Rewrite",
          "RewriteEtcHosts",
          "RewriteRule");
  static final Set<String> TYPES =
      Set.of(
          "A", "AAAA", "HTTPS", "SVCB", "PTR", "TXT", "MX", "SRV", "CNAME", "NS", "SOA", "ANY",
          "DS", "DNSKEY", "CAA", "NAPTR");
  static final Set<String> STATUSES =
      Set.of("NOERROR", "NXDOMAIN", "SERVFAIL", "REFUSED", "FORMERR", "NOTIMP");

  private final Map<String, Long> byReason = new TreeMap<>();
  private final Map<String, Long> byType = new TreeMap<>();
  private final Map<String, Long> byStatus = new TreeMap<>();
  private final Map<String, Map<String, Long>> byUpstream = new TreeMap<>();
  private final long[] durationBuckets = new long[DURATION_BUCKETS.length + 1];
  private double durationSum;
  private long total;
  private long cached;

  /** Adds one entry. */
  public void add(QueryLogEntry e) {
    total++;
    byReason.merge(bounded(e.reason(), REASONS), 1L, Long::sum);
    byType.merge(bounded(e.questionType(), TYPES), 1L, Long::sum);
    String status = bounded(e.status(), STATUSES);
    byStatus.merge(status, 1L, Long::sum);
    if (e.cached()) {
      cached++;
    } else if (!e.upstream().isEmpty()) {
      String upstream = upstreamLabel(e.upstream());
      if (!byUpstream.containsKey(upstream) && byUpstream.size() >= MAX_UPSTREAMS) {
        upstream = OTHER;
      }
      byUpstream.computeIfAbsent(upstream, u -> new TreeMap<>()).merge(status, 1L, Long::sum);
    }
    int i = Arrays.binarySearch(DURATION_BUCKETS, e.elapsedSeconds());
    durationBuckets[i >= 0 ? i : -i - 1]++;
    durationSum += e.elapsedSeconds();
  }

  /** Adds every count of {@code other} to this. */
  public void addAll(QueryCounts other) {
    total += other.total;
    cached += other.cached;
    other.byReason.forEach((k, v) -> byReason.merge(k, v, Long::sum));
    other.byType.forEach((k, v) -> byType.merge(k, v, Long::sum));
    other.byStatus.forEach((k, v) -> byStatus.merge(k, v, Long::sum));
    other.byUpstream.forEach(
        (u, m) -> {
          String key = u;
          if (!byUpstream.containsKey(key) && byUpstream.size() >= MAX_UPSTREAMS) {
            key = OTHER;
          }
          Map<String, Long> mine = byUpstream.computeIfAbsent(key, x -> new TreeMap<>());
          m.forEach((s, v) -> mine.merge(s, v, Long::sum));
        });
    for (int i = 0; i < durationBuckets.length; i++) {
      durationBuckets[i] += other.durationBuckets[i];
    }
    durationSum += other.durationSum;
  }

  /** A copy, safe to read while this one keeps counting. */
  public synchronized QueryCounts snapshot() {
    QueryCounts c = new QueryCounts();
    c.addAll(this);
    return c;
  }

  public long total() {
    return total;
  }

  public long cached() {
    return cached;
  }

  public Map<String, Long> byReason() {
    return byReason;
  }

  public Map<String, Long> byType() {
    return byType;
  }

  public Map<String, Long> byStatus() {
    return byStatus;
  }

  /** Upstream, then response status, to count. */
  public Map<String, Map<String, Long>> byUpstream() {
    return byUpstream;
  }

  /** Per-bucket (not cumulative) counts; the last one is above the largest bound. */
  public long[] durationBuckets() {
    return durationBuckets.clone();
  }

  public double durationSum() {
    return durationSum;
  }

  private static String bounded(String value, Set<String> known) {
    return known.contains(value) ? value : OTHER;
  }

  /** The upstream without user info, path query or fragment: never a credential in a label. */
  static String upstreamLabel(String upstream) {
    try {
      URI u = URI.create(upstream);
      if (u.getScheme() == null || u.getHost() == null) {
        return upstream.length() > 64 || upstream.contains("@") ? OTHER : upstream;
      }
      String port = u.getPort() < 0 ? "" : ":" + u.getPort();
      String path = u.getRawPath() == null ? "" : u.getRawPath();
      return u.getScheme() + "://" + u.getHost() + port + path;
    } catch (IllegalArgumentException e) {
      return OTHER;
    }
  }
}
