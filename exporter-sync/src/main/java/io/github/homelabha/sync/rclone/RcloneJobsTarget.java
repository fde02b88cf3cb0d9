package io.github.homelabha.sync.rclone;

import io.github.homelabha.core.api.MetricFamily;
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
 * The {@code rclone_jobs} target: emits {@code sync_rclone_job_*} for one-shot rclone runs from
 * their {@code --use-json-log} log files. rclone not running between runs is the normal state; the
 * last results come from the log and the state file.
 */
public final class RcloneJobsTarget implements Target {
  public static final MetricFamily LAST_SUCCESS =
      MetricFamily.gauge(
          "sync_rclone_job_last_success_timestamp_seconds",
          "When the job's latest successful run ended, seconds since the epoch (kept across"
              + " restarts).",
          "rclone_job");
  public static final MetricFamily LAST_RUN =
      MetricFamily.gauge(
          "sync_rclone_job_last_run_timestamp_seconds",
          "When the job's latest finished run ended, seconds since the epoch.",
          "rclone_job");
  public static final MetricFamily LAST_RUN_SUCCESS =
      MetricFamily.gauge(
          "sync_rclone_job_last_run_success",
          "1 when the job's latest finished run succeeded.",
          "rclone_job");
  public static final MetricFamily LAST_RUN_ERRORS =
      MetricFamily.gauge(
          "sync_rclone_job_last_run_errors",
          "Errors counted in the latest finished run.",
          "rclone_job");
  public static final MetricFamily LAST_RUN_BYTES =
      MetricFamily.gauge(
          "sync_rclone_job_last_run_bytes",
          "Bytes transferred by the latest finished run.",
          "rclone_job");
  public static final MetricFamily LAST_RUN_TRANSFERS =
      MetricFamily.gauge(
          "sync_rclone_job_last_run_transfers",
          "Files transferred by the latest finished run.",
          "rclone_job");
  public static final MetricFamily LAST_RUN_DURATION =
      MetricFamily.gauge(
          "sync_rclone_job_last_run_duration_seconds",
          "How long the latest finished run took.",
          "rclone_job");
  public static final MetricFamily RUNS =
      MetricFamily.counter(
          "sync_rclone_job_runs_total",
          "Finished runs by result (success, failure).",
          "rclone_job",
          "result");
  public static final MetricFamily ERRORS =
      MetricFamily.counter(
          "sync_rclone_job_errors_total",
          "Errors counted by rclone over all finished runs.",
          "rclone_job");
  public static final MetricFamily RUNNING =
      MetricFamily.gauge(
          "sync_rclone_job_running",
          "1 while a run is being logged and not known to be over.",
          "rclone_job");
  public static final MetricFamily LAST_ERROR =
      MetricFamily.info(
          "sync_rclone_job_last_error_info",
          "The latest error the job logged (one line, at most 200 characters).",
          "rclone_job",
          "message");
  public static final MetricFamily LAST_ERROR_TIME =
      MetricFamily.gauge(
          "sync_rclone_job_last_error_timestamp_seconds",
          "When the latest error was logged, seconds since the epoch.",
          "rclone_job");
  public static final MetricFamily LOG_PRESENT =
      MetricFamily.gauge(
          "sync_rclone_job_log_present", "1 when the job's log file exists.", "rclone_job");
  public static final MetricFamily UNPARSED =
      MetricFamily.counter(
          "sync_rclone_job_unparsed_lines_total",
          "Log lines that were not rclone JSON (wrong flags? another program writing the file?).",
          "rclone_job");
  public static final MetricFamily STATE_WRITE_ERRORS =
      MetricFamily.counter(
          "sync_rclone_state_write_errors_total",
          "Failed writes of the state file that keeps job results across restarts.");

  public static final List<MetricFamily> FAMILIES =
      List.of(
          LAST_SUCCESS,
          LAST_RUN,
          LAST_RUN_SUCCESS,
          LAST_RUN_ERRORS,
          LAST_RUN_BYTES,
          LAST_RUN_TRANSFERS,
          LAST_RUN_DURATION,
          RUNS,
          ERRORS,
          RUNNING,
          LAST_ERROR,
          LAST_ERROR_TIME,
          LOG_PRESENT,
          UNPARSED,
          STATE_WRITE_ERRORS);

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
      write(job.name(), state, present, out);
    }
    if (changed) {
      store.save(states);
    }
    out.counter(STATE_WRITE_ERRORS, store.writeErrors());
  }

  /** No rclone has the log file on its command line any more, or the log went quiet. */
  private boolean runIsOver(Job job) {
    OptionalInt writers = processes.countWithArgument("rclone", job.logFile().toString());
    if (writers.isPresent() && writers.getAsInt() == 0) {
      return true;
    }
    return job.tracker().currentLastLine().plus(settle).isBefore(clock.instant());
  }

  private static void write(String job, RcloneJobState s, boolean present, MetricWriter out) {
    out.gauge(LOG_PRESENT, present, job);
    out.gauge(RUNNING, s.current != null, job);
    if (s.lastSuccessMs > 0) {
      out.gauge(LAST_SUCCESS, s.lastSuccessMs / 1000.0, job);
    }
    if (s.lastRunEndMs > 0) {
      out.gauge(LAST_RUN, s.lastRunEndMs / 1000.0, job);
      out.gauge(LAST_RUN_SUCCESS, s.lastRunSuccess, job);
      out.gauge(LAST_RUN_ERRORS, s.lastRunErrors, job);
      out.gauge(LAST_RUN_BYTES, s.lastRunBytes, job);
      out.gauge(LAST_RUN_TRANSFERS, s.lastRunTransfers, job);
      out.gauge(LAST_RUN_DURATION, s.lastRunSeconds, job);
    }
    out.counter(RUNS, s.runsSucceeded, job, "success");
    out.counter(RUNS, s.runsFailed, job, "failure");
    out.counter(ERRORS, s.errorsTotal, job);
    out.counter(UNPARSED, s.unparsedLines, job);
    if (!s.lastError.isEmpty()) {
      out.info(LAST_ERROR, job, s.lastError);
      out.gauge(LAST_ERROR_TIME, s.lastErrorMs / 1000.0, job);
    }
  }
}
