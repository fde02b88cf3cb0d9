package io.github.homelabha.keepalived.collect;

import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.keepalived.dump.KeepalivedDump;
import io.github.homelabha.keepalived.vip.HostAddresses;
import java.util.Optional;

/** Everything one fresh dump says, through the collector that owns each family. */
public final class DumpCollectors {
  private final CounterCollector counters;

  public DumpCollectors(boolean stateLabel) {
    this.counters = new CounterCollector(stateLabel);
  }

  /** {@code host}: the addresses on the interfaces, when they could be read. */
  public void write(KeepalivedDump dump, Optional<HostAddresses> host, MetricWriter out) {
    VrrpCollector.writeDump(dump, out);
    host.ifPresent(h -> VipCollector.write(dump, h, out));
    TrackingCollector.write(dump, out);
    counters.write(dump, out);
  }
}
