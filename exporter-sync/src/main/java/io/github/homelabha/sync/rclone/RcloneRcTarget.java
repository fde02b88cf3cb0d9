package io.github.homelabha.sync.rclone;

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
 * The {@code rclone} target: reads rclone's rc API, which {@link RcloneRcCollector} maps to {@code
 * sync_rclone_*}. An rc endpoint that refuses connections is reported as {@code
 * sync_rclone_rc_reachable 0}, not as a failed scrape: with {@code --rc} on a one-shot command the
 * API exists only while the command runs. Every other failure (timeout, TLS, refused credentials,
 * garbage) fails the scrape with its reason.
 */
public final class RcloneRcTarget implements Target {
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
      RcloneRcCollector.unreachable(out);
      return;
    }
    RcloneRcCollector.write(stats, jobs, out);
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
