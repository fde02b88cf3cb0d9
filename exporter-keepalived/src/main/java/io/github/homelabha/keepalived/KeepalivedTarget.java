package io.github.homelabha.keepalived;

import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.core.api.ScrapeContext;
import io.github.homelabha.core.api.ScrapeException;
import io.github.homelabha.core.api.Target;
import io.github.homelabha.keepalived.collect.DumpCollectors;
import io.github.homelabha.keepalived.collect.SourceCollector;
import io.github.homelabha.keepalived.collect.VrrpCollector;
import io.github.homelabha.keepalived.config.TargetConfig;
import io.github.homelabha.keepalived.dump.KeepalivedDump;
import io.github.homelabha.keepalived.fifo.NotifyFifoReader;
import io.github.homelabha.keepalived.process.FreshDump;
import io.github.homelabha.keepalived.process.FreshDumpReader;
import io.github.homelabha.keepalived.process.KeepalivedProcess;
import io.github.homelabha.keepalived.process.ProcessVerifier;
import io.github.homelabha.keepalived.transition.VrrpTracker;
import io.github.homelabha.keepalived.vip.AddressListParser;
import io.github.homelabha.keepalived.vip.HostAddresses;
import io.github.homelabha.keepalived.vip.NetnsResolver;
import io.github.homelabha.keepalived.vip.VipChecker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One keepalived process. A scrape verifies the pid, signals keepalived, waits for its fresh dump,
 * checks the VIPs on the host and writes it all together with the transition history. In FIFO-only
 * mode it writes what the notify FIFO reported and never signals.
 */
public final class KeepalivedTarget implements Target {
  private static final Logger LOG = LoggerFactory.getLogger(KeepalivedTarget.class);

  /** Room left in the scrape budget for VIP checking and writing after the dump wait. */
  private static final Duration MARGIN = Duration.ofMillis(150);

  /** How long after the FIFO closed keepalived may take to exit for it to count as a stop. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(3);

  private final TargetConfig config;
  private final ProcessVerifier verifier;
  private final FreshDumpReader reader;
  private final Optional<VipChecker> vips;
  private final NetnsResolver netns = new NetnsResolver();
  private final VrrpTracker tracker;
  private final Optional<NotifyFifoReader> fifo;
  private final DumpCollectors dumpCollectors;
  private final Optional<String> version;
  private KeepalivedProcess lastProcess;
  private KeepalivedDump lastEvidence;
  private long lastEvidenceSignalledAt;
  private volatile boolean vipWarned;
  private final Executor vipExecutor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "keepalived-vip-check");
            t.setDaemon(true);
            return t;
          });

  public KeepalivedTarget(
      TargetConfig config,
      ProcessVerifier verifier,
      FreshDumpReader reader,
      Optional<VipChecker> vips,
      VrrpTracker tracker,
      Optional<NotifyFifoReader> fifo,
      boolean stateLabel,
      Optional<String> version) {
    this.config = config;
    this.verifier = verifier;
    this.reader = reader;
    this.vips = vips;
    this.tracker = tracker;
    this.fifo = fifo;
    this.dumpCollectors = new DumpCollectors(stateLabel);
    this.version = version;
  }

  @Override
  public String name() {
    return config.name;
  }

  @Override
  public String description() {
    return config.fifoOnly
        ? "notify FIFO " + config.notifyFifo + " (FIFO-only)"
        : "pid file "
            + config.pidFile
            + ", dumps in "
            + config.dumpDir
            + (config.hasFifo() ? ", notify FIFO " + config.notifyFifo : "");
  }

  @Override
  public void scrape(ScrapeContext context, MetricWriter out) throws Exception {
    if (config.fifoOnly) {
      scrapeFifoOnly(out);
      return;
    }
    KeepalivedProcess process = currentProcess();
    Duration budget = context.remaining().minus(MARGIN);
    if (budget.compareTo(config.dumpTimeout) > 0) {
      budget = config.dumpTimeout;
    }
    if (budget.isNegative() || budget.isZero()) {
      throw new ScrapeException("timeout", "no time left in the scrape budget to ask keepalived");
    }
    // list the interface addresses while keepalived writes its dump
    CompletableFuture<Optional<HostAddresses>> addresses =
        CompletableFuture.supplyAsync(() -> hostAddresses(process), vipExecutor);
    FreshDump fresh = reader.read(process, budget);
    tracker.onDump(fresh.dump());
    dumpCollectors.write(fresh.dump(), addresses.join(), out);
    VrrpCollector.writeHistory(tracker, out);
    SourceCollector.writeDump(fresh, out);
    SourceCollector.writeProcess(version, fifo, out);
  }

  /**
   * Evidence for the FIFO path: a dump signalled after {@code notBeforeMillis}, if signalling is
   * allowed. When a sync group or a failover moves many instances at once, their FIFO lines come in
   * a burst and one dump serves them all.
   */
  public synchronized Optional<KeepalivedDump> freshDumpForEvidence(long notBeforeMillis) {
    if (config.fifoOnly) {
      return Optional.empty();
    }
    if (lastEvidence != null && lastEvidenceSignalledAt >= notBeforeMillis) {
      return Optional.of(lastEvidence);
    }
    try {
      KeepalivedProcess p = currentProcess();
      long signalledAt = System.currentTimeMillis();
      KeepalivedDump d = reader.read(p, config.dumpTimeout).dump();
      lastEvidence = d;
      lastEvidenceSignalledAt = signalledAt;
      return Optional.of(d);
    } catch (ScrapeException e) {
      LOG.debug("no dump as evidence for a transition of {}: {}", config.name, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Called when keepalived closed the notify FIFO: a reload if the process lives on, a stop if it
   * ends within a few seconds (the main process exits shortly after its VRRP child).
   */
  public void onFifoClosed() {
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    while (System.nanoTime() < deadline) {
      if (!keepalivedRunning()) {
        LOG.info("keepalived ({}) stopped", config.pidFile);
        tracker.onStopped();
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    tracker.onRestartOrReload();
  }

  /** False only when keepalived is known to be gone; an unreadable pid file counts as running. */
  private boolean keepalivedRunning() {
    try {
      verifier.verify(Path.of(config.pidFile));
      return true;
    } catch (ScrapeException e) {
      return !e.reason().equals("not_running");
    }
  }

  private synchronized KeepalivedProcess currentProcess() throws ScrapeException {
    KeepalivedProcess p;
    try {
      p = verifier.verify(Path.of(config.pidFile));
    } catch (ScrapeException e) {
      if (lastProcess != null && e.reason().equals("not_running")) {
        tracker.onStopped();
        lastProcess = null;
      }
      throw e;
    }
    if (lastProcess != null && !lastProcess.equals(p)) {
      LOG.info("keepalived restarted (pid {} -> {})", lastProcess.pid(), p.pid());
      tracker.onRestartOrReload();
    }
    lastProcess = p;
    return p;
  }

  private void scrapeFifoOnly(MetricWriter out) throws ScrapeException {
    NotifyFifoReader reader = fifo.orElseThrow();
    Optional<String> problem = reader.problem();
    if (problem.isPresent()) {
      throw new ScrapeException("not_running", problem.get());
    }
    VrrpCollector.writeFifoStates(tracker, out);
    VrrpCollector.writeHistory(tracker, out);
    SourceCollector.writeProcess(version, fifo, out);
  }

  private Optional<HostAddresses> hostAddresses(KeepalivedProcess process) {
    if (vips.isEmpty()) {
      return Optional.empty();
    }
    try {
      // keepalived adds VIPs in its own network namespace: the configured one, else the one the
      // process is found in (a keepalived started with "ip netns exec NAME")
      Optional<String> ns =
          config.netns.isEmpty() ? netns.namespaceOf(process.pid()) : Optional.of(config.netns);
      HostAddresses h = vips.get().read(ns);
      vipWarned = false;
      return Optional.of(h);
    } catch (IOException | AddressListParser.AddressListException e) {
      if (!vipWarned) {
        LOG.warn(
            "cannot list interface addresses, keepalived_vip_present omitted: {}", e.getMessage());
        vipWarned = true;
      }
      return Optional.empty();
    }
  }
}
