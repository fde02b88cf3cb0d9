package io.github.homelabha.sync.rclone;

import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.core.api.ScrapeContext;
import io.github.homelabha.core.api.ScrapeException;
import io.github.homelabha.core.api.Target;
import io.github.homelabha.sync.fs.FileErrors;
import io.github.homelabha.sync.proc.ProcessTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The {@code rclone_jobs} target: follows the {@code --use-json-log} log files of one-shot rclone
 * runs; {@link RcloneJobCollector} maps what they said to {@code sync_rclone_job_*}. rclone not
 * running between runs is the normal state; the last results come from the log and the state file.
 */
public final class RcloneJobsTarget implements Target {
  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private final Map<String, RcloneJobState> states;
  private final RcloneStateStore store;
  private final ProcessTable processes;
  private final Duration settle;
  private final Clock clock;

  private record Job(
      String name, Path logFile, RcloneRunTracker tracker, RcloneLogFollower follower) {}

  public RcloneJobsTarget(
      List<RcloneJobConfig> configs,
      RcloneStateStore store,
      ProcessTable processes,
      Duration settle,
      ZoneId localZone,
      Clock clock) {
    this.store = store;
    this.processes = processes;
    this.settle = settle;
    this.clock = clock;
    this.states = store.load();
    RcloneLogParser parser = new RcloneLogParser(localZone);
    // Jobs removed from the configuration are dropped from the state file on the next write.
    states.keySet().retainAll(configs.stream().map(c -> c.name).toList());
    for (RcloneJobConfig config : configs) {
      RcloneJobState state = states.computeIfAbsent(config.name, k -> new RcloneJobState());
      RcloneRunTracker tracker = new RcloneRunTracker(state);
      Path log = Path.of(config.logFile);
      jobs.put(
          config.name,
          new Job(config.name, log, tracker, new RcloneLogFollower(log, parser, tracker)));
    }
  }

  @Override
  public String name() {
    return "rclone_jobs";
  }

  @Override
  public String description() {
    return jobs.size() + " job log(s)";
  }

  @Override
  public synchronized void scrape(ScrapeContext context, MetricWriter out) throws ScrapeException {
    boolean changed = false;
    for (Job job : jobs.values()) {
      RcloneJobState state = job.tracker().state();
      long offsetBefore = state.offset;
      long runsBefore = state.runsSucceeded + state.runsFailed;
      boolean present;
      try {
        present = job.follower().poll();
      } catch (IOException e) {
        throw new ScrapeException(
            "unreadable",
            "cannot read rclone log "
                + job.logFile()
                + " of job "
                + job.name()
                + ": "
                + FileErrors.describe(e));
      }
      if (job.tracker().inRun() && runIsOver(job)) {
        job.tracker().finishIdle();
      }
      changed |=
          state.offset != offsetBefore || state.runsSucceeded + state.runsFailed != runsBefore;
      RcloneJobCollector.job(job.name(), state, present, out);
    }
    if (changed) {
      store.save(states);
    }
    RcloneJobCollector.stateWriteErrors(store.writeErrors(), out);
  }

  /** No rclone has the log file on its command line any more, or the log went quiet. */
  private boolean runIsOver(Job job) {
    OptionalInt writers = processes.countWithArgument("rclone", job.logFile().toString());
    if (writers.isPresent() && writers.getAsInt() == 0) {
      return true;
    }
    return job.tracker().currentLastLine().plus(settle).isBefore(clock.instant());
  }
}
