package io.github.homelabha.sync.pair;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.sync.role.Role;
import java.nio.file.Path;
import java.util.List;

/** {@code sync_pair_info} and {@code sync_pairs_configured}: the pairs this exporter watches. */
public final class PairCollector {
  public static final MetricFamily INFO =
      MetricFamily.info(
          "sync_pair_info",
          "A configured pair: its role now, the configured role (auto follows the VIP) and the path.",
          "pair",
          "role",
          "configured_role",
          "path");
  public static final MetricFamily CONFIGURED =
      MetricFamily.gauge("sync_pairs_configured", "Pairs this exporter watches.");

  public static final List<MetricFamily> FAMILIES = List.of(INFO, CONFIGURED);

  private PairCollector() {}

  static void info(String pair, Role role, Role configuredRole, Path directory, MetricWriter out) {
    out.info(INFO, pair, role.label(), configuredRole.label(), directory.toString());
  }

  /** Written when nothing at all is configured, so the page says so instead of being empty. */
  public static void noneConfigured(MetricWriter out) {
    out.gauge(CONFIGURED, 0);
  }
}
