package io.github.homelabha.sync.rclone;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import java.util.List;

/**
 * {@code sync_rclone_job_*}: what {@link RcloneJobsTarget} learned from a job's log and the state
 * file, as metrics.
 */
public final class RcloneJobCollector {
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

  private RcloneJobCollector() {}

  static void stateWriteErrors(long errors, MetricWriter out) {
    out.counter(STATE_WRITE_ERRORS, errors);
  }

  static void job(String job, RcloneJobState s, boolean present, MetricWriter out) {
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
