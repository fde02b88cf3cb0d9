package io.github.homelabha.keepalived;

import io.github.homelabha.core.api.ConfigFlag;
import io.github.homelabha.core.api.Exporter;
import io.github.homelabha.core.api.ExporterSetup;
import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.keepalived.collect.KeepalivedMetrics;
import io.github.homelabha.keepalived.config.KeepalivedConfig;
import io.github.homelabha.keepalived.config.TargetConfig;
import io.github.homelabha.keepalived.fifo.NotifyEvent;
import io.github.homelabha.keepalived.fifo.NotifyFifoReader;
import io.github.homelabha.keepalived.fifo.NotifyListener;
import io.github.homelabha.keepalived.process.DumpLocations;
import io.github.homelabha.keepalived.process.FreshDumpReader;
import io.github.homelabha.keepalived.process.KeepalivedVersion;
import io.github.homelabha.keepalived.process.ProcessVerifier;
import io.github.homelabha.keepalived.process.SignalNumbers;
import io.github.homelabha.keepalived.process.Signaller;
import io.github.homelabha.keepalived.transition.EventLog;
import io.github.homelabha.keepalived.transition.EventsView;
import io.github.homelabha.keepalived.transition.VrrpTracker;
import io.github.homelabha.keepalived.vip.VipChecker;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prometheus exporter for keepalived: always-fresh VRRP state, VIP presence, and why each failover
 * happened. See the module README for flags, metrics and the keepalived settings it relies on.
 */
public final class KeepalivedExporter implements Exporter<KeepalivedConfig> {

  @Override
  public String name() {
    return "keepalived";
  }

  @Override
  public int defaultPort() {
    return 9165;
  }

  @Override
  public String description() {
    return "keepalived VRRP state, priorities, VIP presence and the reason of every failover";
  }

  @Override
  public Class<KeepalivedConfig> configClass() {
    return KeepalivedConfig.class;
  }

  @Override
  public List<ConfigFlag> flags() {
    return List.of(
        ConfigFlag.value(
                "keepalived.pid-file",
                "keepalived.pid_file",
                "keepalived's pid file (its -p option); default /run/keepalived.pid")
            .withAliases("ka.pid-path"),
        ConfigFlag.value(
            "keepalived.dump-dir",
            "keepalived.dump_dir",
            "keepalived's TMPDIR, where it writes keepalived.json/.data/.stats; default /tmp"),
        ConfigFlag.value(
            "keepalived.notify-fifo",
            "keepalived.notify_fifo",
            "keepalived's notify_fifo path: counts every transition, even between scrapes"),
        ConfigFlag.toggle(
            "keepalived.fifo-only",
            "keepalived.fifo_only",
            "only read the notify FIFO: never signal keepalived (needs no privileges)"),
        ConfigFlag.toggle(
                "keepalived.json",
                "keepalived.json",
                "force the JSON dump (true) or the text dumps (false); default: JSON if the"
                    + " keepalived build supports it")
            .withAliases("ka.json"),
        ConfigFlag.value(
            "keepalived.netns",
            "keepalived.netns",
            "network namespace keepalived runs in, for the VIP check (ip -n NAME); default:"
                + " the named namespace the keepalived process is found in"),
        ConfigFlag.value(
            "keepalived.dump-timeout",
            "keepalived.dump_timeout",
            "longest wait for keepalived to write a fresh dump; default 2s"),
        ConfigFlag.value(
            "keepalived.binary",
            "keepalived.binary",
            "keepalived binary asked for its signal numbers; default keepalived"),
        ConfigFlag.toggle(
            "compat.state-label",
            "compat.state_label",
            "add the current state as label 'state' to the per-instance counters, as old"
                + " mehdy/keepalived-exporter versions did (new series at every transition)"));
  }

  @Override
  public List<MetricFamily> metricFamilies() {
    return KeepalivedMetrics.all();
  }

  @Override
  public void configure(KeepalivedConfig config, ExporterSetup setup) {
    boolean stateLabel = config.compat.stateLabel;
    EventLog events = new EventLog(config.eventsKept);
    Map<String, SignalNumbers> signalsByBinary = new HashMap<>();
    Map<String, Optional<String>> versionByBinary = new HashMap<>();
    for (TargetConfig t : config.effectiveTargets()) {
      boolean fifoMode = t.hasFifo();
      VrrpTracker tracker = new VrrpTracker(t.name, fifoMode, events, System::currentTimeMillis);
      SignalNumbers signals = signalsByBinary.computeIfAbsent(t.binary, SignalNumbers::new);
      Optional<String> version =
          t.fifoOnly
              ? Optional.empty()
              : versionByBinary.computeIfAbsent(t.binary, KeepalivedVersion::of);
      ProcessVerifier verifier = new ProcessVerifier(t.binary);
      FreshDumpReader reader =
          new FreshDumpReader(
              new DumpLocations(Path.of(t.dumpDir)),
              signals,
              Signaller.best(verifier),
              t.json == null
                  ? FreshDumpReader.DumpFormatChoice.AUTO
                  : t.json
                      ? FreshDumpReader.DumpFormatChoice.JSON
                      : FreshDumpReader.DumpFormatChoice.TEXT,
              t.textData);
      Optional<VipChecker> vips =
          t.vipCheck && !t.fifoOnly ? Optional.of(new VipChecker("ip")) : Optional.empty();
      KeepalivedTarget[] target = new KeepalivedTarget[1];
      Optional<NotifyFifoReader> fifo =
          fifoMode
              ? Optional.of(
                  new NotifyFifoReader(
                      Path.of(t.notifyFifo),
                      new NotifyListener() {
                        @Override
                        public void onEvent(NotifyEvent event) {
                          tracker.onFifoEvent(event, target[0]::freshDumpForEvidence);
                        }

                        @Override
                        public void onWriterClosed() {
                          target[0].onFifoClosed();
                        }
                      }))
              : Optional.empty();
      target[0] =
          new KeepalivedTarget(t, verifier, reader, vips, tracker, fifo, stateLabel, version);
      setup.addTarget(target[0]);
      fifo.ifPresent(setup::addTask);
    }
    setup.addJsonEndpoint(
        "/events",
        "the last VRRP state changes with their reasons (JSON)",
        () -> EventsView.json(events.snapshot()));
    setup.addLandingSection(
        "Recent VRRP transitions", () -> EventsView.table(events.snapshot(), 20));
  }
}
