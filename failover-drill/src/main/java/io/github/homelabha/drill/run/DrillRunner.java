package io.github.homelabha.drill.run;

import io.github.homelabha.drill.cluster.ClusterHealth;
import io.github.homelabha.drill.cluster.ClusterReader;
import io.github.homelabha.drill.cluster.ClusterReading;
import io.github.homelabha.drill.cluster.Refusal;
import io.github.homelabha.drill.config.DrillConfig;
import io.github.homelabha.drill.config.NodeConfig;
import io.github.homelabha.drill.config.ServiceConfig;
import io.github.homelabha.drill.measure.ServiceFigures;
import io.github.homelabha.drill.probe.ProbeLoop;
import io.github.homelabha.drill.probe.ProbeRecord;
import io.github.homelabha.drill.probe.ServiceTimeline;
import io.github.homelabha.drill.report.DrillReport;
import io.github.homelabha.drill.report.PhaseReport;
import io.github.homelabha.drill.report.ServiceResult;
import io.github.homelabha.drill.report.Verdict;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One drill: health check, baseline, failover, way back. Probes run from the baseline to the end;
 * the keepalived exporters are read once per probe interval (at least every 100 ms) to see who is
 * MASTER.
 */
public final class DrillRunner {
  private static final Logger LOG = LoggerFactory.getLogger(DrillRunner.class);

  /** How long one read of a keepalived exporter may take (a cold JVM on a Pi needs a while). */
  static final Duration EXPORTER_TIMEOUT = Duration.ofSeconds(3);

  /** Exporter reads are not repeated more often than this, whatever probe_interval says. */
  static final Duration MIN_READ_INTERVAL = Duration.ofMillis(100);

  /** The first probe of each service, before the baseline, may take this long. */
  static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(5);

  /** The time a restore gets when the drill already failed or timed out. */
  static final Duration SAFETY_RESTORE_LIMIT = Duration.ofSeconds(30);

  private final DrillConfig config;
  private final CommandRunner commands;
  private final PrintStream out;
  private final long settleNanos;
  private final long readIntervalNanos;

  public DrillRunner(DrillConfig config, CommandRunner commands, PrintStream out) {
    this.config = config;
    this.commands = commands;
    this.out = out;
    this.settleNanos = config.settle.toNanos();
    this.readIntervalNanos = Math.max(config.probeInterval.toNanos(), MIN_READ_INTERVAL.toNanos());
  }

  /**
   * Runs the drill. With {@code dryRun} it stops after the health check and the baseline, prints
   * the commands it would run and returns a passing report without phases.
   */
  public DrillReport run(boolean dryRun) {
    long deadline = System.nanoTime() + config.timeout.toNanos();
    try (ClusterReader reader = new ClusterReader(config.nodes, EXPORTER_TIMEOUT)) {
      ClusterHealth.Verdict health = ClusterHealth.judge(reader.read(), config.instance);
      if (!health.healthy()) {
        return refused(health.refusal());
      }
      LOG.info("cluster healthy: {} is MASTER of {}", health.master(), health.instance());
      try (ProbeLoop probes =
          new ProbeLoop(Probes.of(config.services), config.probeInterval, config.probeTimeout)) {
        Map<String, String> cold =
            probes.warmUp(
                config.probeTimeout.compareTo(WARM_UP_TIMEOUT) > 0
                    ? config.probeTimeout
                    : WARM_UP_TIMEOUT);
        if (!cold.isEmpty()) {
          var first = cold.entrySet().iterator().next();
          return refused(
              new Refusal(
                  Refusal.Reason.SERVICE_DOWN,
                  "service " + first.getKey() + " does not answer: " + first.getValue()));
        }
        probes.start();
        Refusal baseline = baseline(probes, deadline);
        if (baseline != null) {
          return refused(baseline);
        }
        ClusterHealth.Verdict again = ClusterHealth.judge(reader.read(), health.instance());
        if (!again.healthy()) {
          return refused(again.refusal());
        }
        if (!again.master().equals(health.master())) {
          return refused(
              new Refusal(
                  Refusal.Reason.MASTER_CHANGED,
                  "the MASTER changed from "
                      + health.master()
                      + " to "
                      + again.master()
                      + " during the baseline"));
        }
        if (dryRun) {
          printPlan(health);
          return new DrillReport(
              config.name,
              DrillReport.Result.PASS,
              null,
              "dry run: the cluster is healthy and every service answers; nothing was triggered",
              health.instance(),
              Instant.now().toString(),
              null,
              null);
        }
        return drill(health, probes, reader, deadline);
      }
    }
  }

  private DrillReport drill(
      ClusterHealth.Verdict health, ProbeLoop probes, ClusterReader reader, long deadline) {
    String instance = health.instance();
    NodeConfig oldMaster = config.node(health.master());
    PhaseOutcome failover =
        phase(
            "fail",
            oldMaster,
            oldMaster.fail,
            oldMaster.name,
            instance,
            probes,
            reader,
            deadline,
            true);
    PhaseReport failoverReport = report(failover);
    String reason = null;
    String message;
    PhaseReport restoreReport = null;
    if (failover.commandFailure() != null) {
      reason = "fail_command_failed";
      message = "the fail command of " + oldMaster.name + " failed: " + failover.commandFailure();
      safetyRestore(oldMaster);
    } else if (!failover.settled()) {
      reason = failover.switchNanos() == null ? "no_switch" : "timeout";
      message =
          failover.switchNanos() == null
              ? "no other node became MASTER within the timeout"
              : "the services did not settle within the timeout";
      safetyRestore(oldMaster);
    } else {
      message = oldMaster.name + " gave up MASTER to " + failover.endMaster();
      if (config.restore) {
        PhaseOutcome back =
            phase(
                "restore",
                oldMaster,
                oldMaster.restore,
                failover.endMaster(),
                instance,
                probes,
                reader,
                deadline,
                false);
        restoreReport = report(back);
        if (back.commandFailure() != null) {
          reason = "restore_command_failed";
          message =
              "the restore command of " + oldMaster.name + " failed: " + back.commandFailure();
        } else if (!back.settled()) {
          reason = "timeout";
          message = "the way back did not settle within the timeout";
        } else {
          message += "; after the restore " + back.endMaster() + " is MASTER";
        }
      }
    }
    boolean servicesOk =
        failoverReport.servicesOk() && (restoreReport == null || restoreReport.servicesOk());
    if (reason == null && !servicesOk) {
      reason = "service_interruption";
      message += "; a service was interrupted longer than its max_interruption";
    }
    DrillReport.Result result = reason == null ? DrillReport.Result.PASS : DrillReport.Result.FAIL;
    LOG.info("drill {}: {}", result.text(), message);
    return new DrillReport(
        config.name,
        result,
        reason,
        message,
        instance,
        Instant.now().toString(),
        failoverReport,
        restoreReport);
  }

  /** After a failed or timed-out failover: undo it, without measuring. */
  private void safetyRestore(NodeConfig node) {
    if (node.restore == null || node.restore.isEmpty()) {
      LOG.warn("no restore command for {}: leaving it as it is", node.name);
      return;
    }
    LOG.info(
        "running the restore command of {}: {}", node.name, CommandRunner.display(node.restore));
    CommandRunner.Outcome o = commands.run(node.restore, SAFETY_RESTORE_LIMIT);
    if (!o.succeeded()) {
      LOG.error("the restore command of {} failed: {}", node.name, o.describe());
    }
  }

  /**
   * Every service must answer for settle before anything is triggered; the first failed probe
   * refuses the drill.
   */
  private Refusal baseline(ProbeLoop probes, long deadline) {
    long start = System.nanoTime();
    while (true) {
      boolean allStable = true;
      for (ServiceTimeline t : probes.timelines()) {
        List<ProbeRecord> records = t.settled();
        ServiceFigures f = ServiceFigures.measure(records, start, settleNanos);
        if (f.failedProbes() > 0) {
          String why =
              records.stream()
                  .filter(r -> !r.ok())
                  .map(ProbeRecord::failure)
                  .findFirst()
                  .orElse("");
          return new Refusal(
              Refusal.Reason.SERVICE_DOWN,
              "service " + t.service() + " failed before the start: " + why);
        }
        allStable &= f.stable();
      }
      if (allStable) {
        LOG.info("every service answered for {}", config.settle);
        return null;
      }
      if (System.nanoTime() - deadline >= 0) {
        return new Refusal(
            Refusal.Reason.SERVICE_DOWN, "the services did not answer for settle within timeout");
      }
      sleepUntil(System.nanoTime() + config.probeInterval.toNanos(), deadline);
    }
  }

  private PhaseOutcome phase(
      String kind,
      NodeConfig node,
      List<String> command,
      String fromMaster,
      String instance,
      ProbeLoop probes,
      ClusterReader reader,
      long deadline,
      boolean failover) {
    long start = System.nanoTime();
    LOG.info("running the {} command of {}: {}", kind, node.name, CommandRunner.display(command));
    CommandRunner.Outcome outcome = commands.run(command, remaining(deadline));
    if (!outcome.succeeded()) {
      return PhaseOutcome.commandFailed(fromMaster, start, outcome.describe());
    }
    Long switchAt = null;
    String lastMaster = fromMaster;
    long lastChange = start;
    Map<String, ServiceFigures> figures;
    boolean settled;
    while (true) {
      long round = System.nanoTime();
      ClusterReading reading = reader.read();
      List<String> masters = reading.masters(instance);
      String single = masters.size() == 1 ? masters.get(0) : null;
      if (switchAt == null && masters.stream().anyMatch(m -> !m.equals(fromMaster))) {
        switchAt = reading.startNanos();
        LOG.info("{} reports MASTER after {} s", masters, (switchAt - start) / 1e9);
      }
      if (!Objects.equals(single, lastMaster)) {
        lastMaster = single;
        lastChange = reading.startNanos();
      }
      figures = measure(probes, start);
      boolean servicesStable = figures.values().stream().allMatch(ServiceFigures::stable);
      long now = System.nanoTime();
      settled =
          failover
              ? switchAt != null && servicesStable && single != null
              : servicesStable
                  && single != null
                  && now - lastChange >= settleNanos
                  && now - start >= settleNanos;
      if (settled || now - deadline >= 0) {
        return new PhaseOutcome(fromMaster, start, null, switchAt, single, figures, settled);
      }
      sleepUntil(round + readIntervalNanos, deadline);
    }
  }

  private Map<String, ServiceFigures> measure(ProbeLoop probes, long from) {
    Map<String, ServiceFigures> out = new LinkedHashMap<>();
    for (ServiceTimeline t : probes.timelines()) {
      out.put(t.service(), ServiceFigures.measure(t.settled(), from, settleNanos));
    }
    return out;
  }

  private PhaseReport report(PhaseOutcome phase) {
    List<ServiceResult> services = new ArrayList<>();
    for (ServiceConfig s : config.services) {
      ServiceFigures f = phase.figures().get(s.name);
      double max = s.maxInterruption.toNanos() / 1e9;
      if (f == null) {
        services.add(new ServiceResult(s.name, null, 0, 0, Verdict.FAIL, max));
        continue;
      }
      Double interruption = f.probes() == 0 ? null : f.interruptionAtLeastNanos() / 1e9;
      boolean ok = f.stable() && f.interruptionNanos() != null && interruption <= max;
      services.add(
          new ServiceResult(
              s.name,
              interruption,
              f.failedProbes(),
              f.probes(),
              ok ? Verdict.PASS : Verdict.FAIL,
              max));
      LOG.info(
          "service {}: interruption {} s, {} of {} probes failed, {}",
          s.name,
          interruption,
          f.failedProbes(),
          f.probes(),
          ok ? "pass" : "fail");
    }
    return new PhaseReport(phase.fromMaster(), phase.endMaster(), phase.switchSeconds(), services);
  }

  private void printPlan(ClusterHealth.Verdict health) {
    NodeConfig master = config.node(health.master());
    out.println(
        "dry run: "
            + master.name
            + " is MASTER of "
            + health.instance()
            + " and every service answers; nothing was triggered.");
    out.println(
        "would run on " + master.name + " (fail):    " + CommandRunner.display(master.fail));
    if (config.restore) {
      out.println(
          "would run on " + master.name + " (restore): " + CommandRunner.display(master.restore));
    }
  }

  private DrillReport refused(Refusal refusal) {
    LOG.warn("drill refused ({}): {}", refusal.reason().label(), refusal.message());
    return DrillReport.refused(
        config.name, refusal.reason().label(), refusal.message(), Instant.now().toString());
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
  }

  private static void sleepUntil(long wake, long deadline) {
    long until = wake - deadline > 0 ? deadline : wake;
    long nanos = until - System.nanoTime();
    if (nanos > 0) {
      try {
        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
