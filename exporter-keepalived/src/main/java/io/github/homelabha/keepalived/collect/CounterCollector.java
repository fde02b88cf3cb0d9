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
  private final boolean stateLabel;
  private final List<MetricFamily> families;

  public CounterCollector(boolean stateLabel) {
    this.stateLabel = stateLabel;
    this.families = families(stateLabel);
  }

  /** The counter families, in {@link CompatCounter} order, with or without the state label. */
  static List<MetricFamily> families(boolean stateLabel) {
    List<MetricFamily> out = new ArrayList<>();
    for (CompatCounter c : CompatCounter.values()) {
      out.add(
          stateLabel
              ? MetricFamily.counter(c.metric(), c.help(), "iname", "intf", "vrid", "state")
              : MetricFamily.counter(c.metric(), c.help(), VrrpCollector.INSTANCE));
    }
    return out;
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
        out.counter(families.get(k), v, i.name(), i.interfaceName(), vrid, i.state().name());
      } else {
        out.counter(families.get(k), v, i.name(), i.interfaceName(), vrid);
      }
    }
  }
}
