package io.github.homelabha.sync.rclone;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import java.util.Comparator;
import java.util.List;

/**
 * {@code sync_rclone_*} and {@code sync_rclone_rc_*}: what {@link RcloneRcTarget} read, as metrics.
 */
public final class RcloneRcCollector {
  public static final MetricFamily REACHABLE =
      MetricFamily.gauge(
          "sync_rclone_rc_reachable",
          "1 when rclone's rc API answered (0 is normal between one-shot runs with --rc).");
  public static final MetricFamily BYTES =
      MetricFamily.counter(
          "sync_rclone_bytes_transferred_total", "Bytes transferred by the rclone process.");
  public static final MetricFamily TRANSFERS =
      MetricFamily.counter(
          "sync_rclone_transfers_total", "Files transferred by the rclone process.");
  public static final MetricFamily CHECKS =
      MetricFamily.counter("sync_rclone_checks_total", "Files checked by the rclone process.");
  public static final MetricFamily DELETES =
      MetricFamily.counter("sync_rclone_deletes_total", "Files deleted by the rclone process.");
  public static final MetricFamily ERRORS =
      MetricFamily.counter("sync_rclone_errors_total", "Errors counted by the rclone process.");
  public static final MetricFamily FATAL =
      MetricFamily.gauge(
          "sync_rclone_fatal_error", "1 when rclone hit an error it will not retry.");
  public static final MetricFamily RETRY =
      MetricFamily.gauge("sync_rclone_retry_error", "1 when rclone hit an error retrying may fix.");
  public static final MetricFamily TRANSFERRING =
      MetricFamily.gauge("sync_rclone_transferring", "Transfers in progress.");
  public static final MetricFamily LAST_ERROR =
      MetricFamily.info(
          "sync_rclone_last_error_info",
          "rclone's last error message (one line, at most 200 characters).",
          "message");
  public static final MetricFamily JOBS_RUNNING =
      MetricFamily.gauge(
          "sync_rclone_rc_jobs_running",
          "rc transfer jobs (e.g. sync/sync with _async) not yet finished.");
  public static final MetricFamily LAST_JOB_SUCCESS =
      MetricFamily.gauge(
          "sync_rclone_rc_last_job_success", "1 when the latest finished rc job succeeded.");
  public static final MetricFamily LAST_JOB_END =
      MetricFamily.gauge(
          "sync_rclone_rc_last_job_end_timestamp_seconds",
          "When the latest finished rc job ended, seconds since the epoch.");
  public static final MetricFamily LAST_JOB_SUCCESS_TIME =
      MetricFamily.gauge(
          "sync_rclone_rc_last_success_timestamp_seconds",
          "When the latest successful rc job rclone still remembers ended.");

  public static final List<MetricFamily> FAMILIES =
      List.of(
          REACHABLE,
          BYTES,
          TRANSFERS,
          CHECKS,
          DELETES,
          ERRORS,
          FATAL,
          RETRY,
          TRANSFERRING,
          LAST_ERROR,
          JOBS_RUNNING,
          LAST_JOB_SUCCESS,
          LAST_JOB_END,
          LAST_JOB_SUCCESS_TIME);

  private RcloneRcCollector() {}

  /** The rc API refused the connection: normal between one-shot runs with {@code --rc}. */
  static void unreachable(MetricWriter out) {
    out.gauge(REACHABLE, false);
  }

  /**
   * @param jobs the newest transfer jobs rclone still remembers, running and finished
   */
  static void write(RcStats stats, List<RcJob> jobs, MetricWriter out) {
    out.gauge(REACHABLE, true);
    out.counter(BYTES, stats.bytes());
    out.counter(TRANSFERS, stats.transfers());
    out.counter(CHECKS, stats.checks());
    out.counter(DELETES, stats.deletes());
    out.counter(ERRORS, stats.errors());
    out.gauge(FATAL, stats.fatalError());
    out.gauge(RETRY, stats.retryError());
    out.gauge(TRANSFERRING, stats.transferring());
    stats.lastError().ifPresent(m -> out.info(LAST_ERROR, ErrorMessages.forLabel(m)));
    out.gauge(JOBS_RUNNING, jobs.stream().filter(j -> !j.finished()).count());
    jobs.stream()
        .filter(RcJob::finished)
        .max(Comparator.comparingLong(RcJob::id))
        .ifPresent(
            latest -> {
              out.gauge(LAST_JOB_SUCCESS, latest.success());
              latest.endTime().ifPresent(t -> out.gauge(LAST_JOB_END, t.toEpochMilli() / 1000.0));
            });
    jobs.stream()
        .filter(j -> j.finished() && j.success() && j.endTime().isPresent())
        .map(j -> j.endTime().get())
        .max(Comparator.naturalOrder())
        .ifPresent(t -> out.gauge(LAST_JOB_SUCCESS_TIME, t.toEpochMilli() / 1000.0));
  }
}
