package io.github.homelabha.sync;

import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.core.api.ScrapeContext;
import io.github.homelabha.core.api.Target;
import io.github.homelabha.sync.pair.PairCollector;

/**
 * Stands in when no pair, lsyncd or rclone is configured, so the exporter still answers with {@code
 * sync_up 1} and says there is nothing to watch rather than serving an empty page.
 */
final class NothingConfiguredTarget implements Target {
  @Override
  public String name() {
    return "sync";
  }

  @Override
  public String description() {
    return "nothing configured: add --sync.pair=NAME:ROLE:PATH, --lsyncd.status-file or --rclone.url";
  }

  @Override
  public void scrape(ScrapeContext context, MetricWriter out) {
    PairCollector.noneConfigured(out);
  }
}
