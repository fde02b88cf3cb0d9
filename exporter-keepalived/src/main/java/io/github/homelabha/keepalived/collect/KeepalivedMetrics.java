package io.github.homelabha.keepalived.collect;

import io.github.homelabha.core.api.MetricFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * The exporter's metric catalog: every family, each owned (declared and written) by the collector
 * of its prefix. The {@code keepalived_*_total} counters and {@code keepalived_vrrp_state} keep the
 * names and labels of mehdy/keepalived-exporter so its dashboards work unchanged.
 */
public final class KeepalivedMetrics {

  private KeepalivedMetrics() {}

  public static List<MetricFamily> all() {
    List<MetricFamily> out = new ArrayList<>();
    out.addAll(VrrpCollector.families());
    out.addAll(VipCollector.families());
    out.addAll(TrackingCollector.families());
    out.addAll(SourceCollector.families());
    out.addAll(CounterCollector.families());
    return out;
  }
}
