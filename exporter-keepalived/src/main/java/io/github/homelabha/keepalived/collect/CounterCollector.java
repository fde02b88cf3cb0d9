package io.github.homelabha.keepalived.collect;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.keepalived.dump.KeepalivedDump;
import io.github.homelabha.keepalived.dump.VrrpInstance;
import io.github.homelabha.keepalived.dump.VrrpStats;
import java.util.ArrayList;
import java.util.List;

/**
 * keepalived's own per-instance counters ({@code keepalived_advertisements_received_total} and the
 * others of {@link CompatCounter}) under mehdy/keepalived-exporter's names, optionally with its old
 * {@code state} label ({@code compat.state_label}).
 */
public final class CounterCollector {
  private static final List<MetricFamily> FAMILIES = declare();

  private final boolean stateLabel;

  public CounterCollector(boolean stateLabel) {
    this.stateLabel = stateLabel;
  }

  /**
   * The counter families, in {@link CompatCounter} order. {@code state} is declared optional: the
   * switch decides whether the series carry it, the declaration (and the catalog) stays the same.
   */
  static List<MetricFamily> families() {
    return FAMILIES;
  }

  private static List<MetricFamily> declare() {
    List<MetricFamily> out = new ArrayList<>();
    for (CompatCounter c : CompatCounter.values()) {
      out.add(
          MetricFamily.counter(c.metric(), c.help(), VrrpCollector.INSTANCE)
              .withOptionalLabels("state"));
    }
    return List.copyOf(out);
  }

  public void write(KeepalivedDump dump, MetricWriter out) {
    for (VrrpInstance i : dump.instances()) {
      i.stats().ifPresent(s -> write(i, s, out));
    }
  }

  private void write(VrrpInstance i, VrrpStats s, MetricWriter out) {
    String vrid = Integer.toString(i.vrid());
    CompatCounter[] all = CompatCounter.values();
    for (int k = 0; k < all.length; k++) {
      double v = all[k].value(i, s);
      if (stateLabel) {
        out.counter(FAMILIES.get(k), v, i.name(), i.interfaceName(), vrid, i.state().name());
      } else {
        out.counter(FAMILIES.get(k), v, i.name(), i.interfaceName(), vrid);
      }
    }
  }
}
