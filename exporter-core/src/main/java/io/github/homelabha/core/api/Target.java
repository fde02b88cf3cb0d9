package io.github.homelabha.core.api;

import java.time.Duration;
import java.util.Optional;

/**
 * One named thing an exporter watches (a keepalived process, an AdGuard instance, a sync pair set).
 *
 * <p>{@link #scrape} is called at scrape time, fetches fresh data and writes it to the {@link
 * MetricWriter}. The core runs it with a deadline, shares one call between concurrent scrapes and
 * turns a thrown exception or a missed deadline into {@code <namespace>_up 0} for this target:
 * whatever was written before the failure is discarded, so a failed scrape never serves partial or
 * stale values.
 */
public interface Target {

  /** Unique within the exporter; the value of the {@code target} label and of {@code ?target=}. */
  String name();

  /** Fetches and maps. Throw {@link ScrapeException} with a reason for expected failures. */
  void scrape(ScrapeContext context, MetricWriter out) throws Exception;

  /** Upper bound for one scrape; the Prometheus scrape timeout header can shorten it. */
  default Optional<Duration> timeout() {
    return Optional.empty();
  }

  /**
   * Results younger than this are served again instead of fetching (for expensive upstreams). Zero,
   * the default, fetches at every scrape.
   */
  default Duration minInterval() {
    return Duration.ZERO;
  }

  /** Short human description for the landing page, e.g. the URL or pid file watched. */
  default String description() {
    return "";
  }
}
