package io.github.homelabha.sync.rclone;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.core.api.ScrapeContext;
import io.github.homelabha.core.api.Target;
import io.github.homelabha.core.upstream.UpstreamException;
import io.github.homelabha.core.upstream.UpstreamReason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code rclone} target: emits {@code sync_rclone_*} from the rc API. An rc endpoint that
 * refuses connections is reported as {@code sync_rclone_rc_reachable 0}, not as a failed scrape:
 * with {@code --rc} on a one-shot command the API exists only while the command runs. Every other
 * failure (timeout, TLS, refused credentials, garbage) fails the scrape with its reason.
 */
public final class RcloneRcTarget implements Target {
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

  /** rcd keeps finished jobs around; only the newest are looked at, one request each. */
  static final int MAX_JOBS = 10;

  private static final int HTTP_INTERNAL_ERROR = 500;

  private final RcClient client;
  private final Map<Long, RcJob> finished = new ConcurrentHashMap<>();
  private final String url;

  public RcloneRcTarget(RcClient client, String url) {
    this.client = client;
    this.url = url;
  }

  @Override
  public String name() {
    return "rclone";
  }

  @Override
  public String description() {
    return url;
  }

  @Override
  public void scrape(ScrapeContext context, MetricWriter out) throws UpstreamException {
    RcStats stats;
    List<RcJob> jobs = new ArrayList<>();
    try {
      stats = client.stats(context);
      List<Long> newest =
          client.transferJobIds(context).stream()
              .sorted(Comparator.reverseOrder())
              .limit(MAX_JOBS)
              .toList();
      // Finished jobs never change: ask only about new and running ones.
      finished.keySet().retainAll(newest);
      for (long id : newest) {
        RcJob known = finished.get(id);
        if (known != null) {
          jobs.add(known);
          continue;
        }
        Optional<RcJob> job = jobUnlessExpired(context, id);
        job.ifPresent(jobs::add);
        job.filter(RcJob::finished).ifPresent(j -> finished.put(id, j));
      }
    } catch (UpstreamException e) {
      if (e.upstreamReason() != UpstreamReason.UNREACHABLE) {
        throw e;
      }
      out.gauge(REACHABLE, false);
      return;
    }
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

  /** A job can expire between listing and asking (rclone answers 500): skip it. */
  private Optional<RcJob> jobUnlessExpired(ScrapeContext context, long id)
      throws UpstreamException {
    try {
      return Optional.of(client.job(context, id));
    } catch (UpstreamException e) {
      if (e.upstreamReason() == UpstreamReason.HTTP_STATUS
          && e.status().orElse(0) == HTTP_INTERNAL_ERROR) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
