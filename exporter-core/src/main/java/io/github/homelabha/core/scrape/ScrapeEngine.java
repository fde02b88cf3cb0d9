package io.github.homelabha.core.scrape;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Scrapes all targets of one exporter in parallel within the scrape's time budget and merges their
 * samples with the self metrics. A slow target costs only its own {@code up 0}.
 */
public final class ScrapeEngine {
  /** Header Prometheus sends with its scrape timeout. */
  public static final String TIMEOUT_HEADER = "X-Prometheus-Scrape-Timeout-Seconds";

  private final Map<String, TargetScraper> scrapers = new LinkedHashMap<>();
  private final SelfMetrics self;
  private final ExecutorService pool;
  private final Duration defaultTimeout;
  private final Duration timeoutOffset;

  public ScrapeEngine(
      List<TargetScraper> scrapers,
      SelfMetrics self,
      ExecutorService pool,
      Duration defaultTimeout,
      Duration timeoutOffset) {
    scrapers.forEach(s -> this.scrapers.put(s.target().name(), s));
    this.self = self;
    this.pool = pool;
    this.defaultTimeout = defaultTimeout;
    this.timeoutOffset = timeoutOffset;
  }

  public List<TargetScraper> scrapers() {
    return List.copyOf(scrapers.values());
  }

  public Optional<TargetScraper> scraper(String name) {
    return Optional.ofNullable(scrapers.get(name));
  }

  /**
   * The time a scrape may take: Prometheus' timeout header minus the offset (so the answer arrives
   * before Prometheus gives up), else the configured default.
   */
  public Duration budget(String timeoutHeader) {
    if (timeoutHeader != null) {
      try {
        double seconds = Double.parseDouble(timeoutHeader.trim());
        if (seconds > 0 && Double.isFinite(seconds)) {
          Duration header = Duration.ofNanos((long) (seconds * 1e9));
          Duration reduced = header.minus(timeoutOffset);
          // A tiny header would leave nothing after the offset: keep 90% of it instead.
          return reduced.compareTo(header.dividedBy(10)) > 0
              ? reduced
              : header.multipliedBy(9).dividedBy(10);
        }
      } catch (NumberFormatException e) {
        // Ignore a malformed header; the default applies.
      }
    }
    return defaultTimeout;
  }

  /** Everything for {@code /metrics}: all targets, labelled by target when there are several. */
  public MetricSnapshots collectAll(Duration budget) {
    boolean labelled = scrapers.size() > 1;
    List<TargetScraper> list = List.copyOf(scrapers.values());
    List<ScrapeResult> results = scrapeAll(list, budget);
    List<MetricSnapshot> snapshots = new ArrayList<>();
    List<SelfMetrics.Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      TargetScraper s = list.get(i);
      String label = labelled ? s.target().name() : null;
      snapshots.addAll(results.get(i).snapshots(label, s.labelsCache()));
      outcomes.add(new SelfMetrics.Outcome(label, results.get(i), s.errorCounts()));
    }
    snapshots.addAll(self.snapshots(outcomes, true));
    return merge(snapshots);
  }

  /** Everything for {@code /probe?target=NAME}: that target alone, unlabelled. */
  public MetricSnapshots collectOne(TargetScraper scraper, Duration budget) {
    ScrapeResult r = scraper.scrape(budget);
    List<MetricSnapshot> snapshots = new ArrayList<>(r.snapshots(null, scraper.labelsCache()));
    snapshots.addAll(self.snapshots(List.of(new SelfMetrics.Outcome(null, r, Map.of())), false));
    return merge(snapshots);
  }

  /**
   * Scrapes, in parallel, the targets that have no result yet (none when every target has been
   * scraped once), waiting at most {@code budget}. For the landing page's first visit.
   */
  public void scrapeNeverScraped(Duration budget) {
    List<TargetScraper> pending = scrapers.values().stream().filter(s -> s.last() == null).toList();
    if (!pending.isEmpty()) {
      scrapeAll(pending, budget);
    }
  }

  private List<ScrapeResult> scrapeAll(List<TargetScraper> list, Duration budget) {
    if (list.size() == 1) {
      return List.of(list.get(0).scrape(budget));
    }
    List<Future<ScrapeResult>> futures = new ArrayList<>();
    for (TargetScraper s : list) {
      futures.add(pool.submit(() -> s.scrape(budget)));
    }
    List<ScrapeResult> results = new ArrayList<>();
    for (Future<ScrapeResult> f : futures) {
      try {
        results.add(f.get()); // scrape() returns by its own deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("scrape interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("scrape failed unexpectedly", e.getCause());
      }
    }
    return results;
  }

  /**
   * Joins snapshots of the same family from several targets into one (client_java rejects the same
   * name twice in one registry answer).
   */
  private static MetricSnapshots merge(List<MetricSnapshot> snapshots) {
    Map<String, List<MetricSnapshot>> byName = new LinkedHashMap<>();
    for (MetricSnapshot s : snapshots) {
      byName.computeIfAbsent(s.getMetadata().getPrometheusName(), k -> new ArrayList<>()).add(s);
    }
    MetricSnapshots.Builder out = MetricSnapshots.builder();
    for (List<MetricSnapshot> group : byName.values()) {
      out.metricSnapshot(group.size() == 1 ? group.get(0) : SnapshotMerger.merge(group));
    }
    return out.build();
  }
}
