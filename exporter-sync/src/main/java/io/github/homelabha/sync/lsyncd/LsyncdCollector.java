package io.github.homelabha.sync.lsyncd;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import java.util.List;
import java.util.Map;

/** {@code sync_lsyncd_*}: what {@link LsyncdTarget} read from lsyncd, as metrics. */
public final class LsyncdCollector {
  public static final MetricFamily RUNNING =
      MetricFamily.gauge("sync_lsyncd_running", "1 when an lsyncd process runs on this node.");
  public static final MetricFamily DELAYS =
      MetricFamily.gauge(
          "sync_lsyncd_delays",
          "Changes lsyncd has queued and not yet synced ('There are N delays'), per sync block."
              + " Only while lsyncd runs.",
          "source",
          "pair");
  public static final MetricFamily QUEUED =
      MetricFamily.gauge(
          "sync_lsyncd_queued_changes",
          "Listed delays per state (active = being transferred, wait = waiting for the delay,"
              + " block = waiting for another change).",
          "source",
          "pair",
          "state");
  public static final MetricFamily ACTIVE =
      MetricFamily.gauge(
          "sync_lsyncd_active_transfers", "Delays being transferred right now.", "source", "pair");
  public static final MetricFamily WATCHED =
      MetricFamily.gauge(
          "sync_lsyncd_watched_directories", "Directories lsyncd has inotify watches on.");
  public static final MetricFamily STATUS_TIME =
      MetricFamily.gauge(
          "sync_lsyncd_status_file_timestamp_seconds",
          "Modification time of the statusFile. Not a heartbeat: lsyncd rewrites it only when it"
              + " wakes up.");
  public static final MetricFamily EXITS =
      MetricFamily.counter(
          "sync_lsyncd_rsync_exits_total",
          "rsync runs by exit code, from the lsyncd log since the exporter started following it"
              + " (0, 23, 24 are success).",
          "exit_code");
  public static final MetricFamily RETRIES =
      MetricFamily.counter(
          "sync_lsyncd_rsync_retries_total",
          "Lists lsyncd will retry because rsync failed ('Retrying a list after exitcode').");
  public static final MetricFamily LOG_ERRORS =
      MetricFamily.counter("sync_lsyncd_log_errors_total", "Lines lsyncd logged at level Error.");
  public static final MetricFamily LAST_EXIT =
      MetricFamily.gauge(
          "sync_lsyncd_last_rsync_exit_code", "Exit code of the latest rsync run in the log.");

  public static final List<MetricFamily> FAMILIES =
      List.of(
          RUNNING,
          DELAYS,
          QUEUED,
          ACTIVE,
          WATCHED,
          STATUS_TIME,
          EXITS,
          RETRIES,
          LOG_ERRORS,
          LAST_EXIT);

  private LsyncdCollector() {}

  static void running(boolean running, MetricWriter out) {
    out.gauge(RUNNING, running);
  }

  static void statusFileTime(long mtimeMillis, MetricWriter out) {
    out.gauge(STATUS_TIME, mtimeMillis / 1000.0);
  }

  /**
   * @param pairBySource pair name per source directory; a sync of no configured pair gets {@code
   *     pair=""}
   */
  static void status(LsyncdStatus status, Map<String, String> pairBySource, MetricWriter out) {
    out.gauge(WATCHED, status.watchedDirectories());
    for (LsyncdStatus.Sync sync : status.syncs()) {
      String pair = pairBySource.getOrDefault(sync.source(), "");
      out.gauge(DELAYS, sync.delays(), sync.source(), pair);
      out.gauge(ACTIVE, sync.active(), sync.source(), pair);
      for (String state : List.of("active", "wait", "block", "other")) {
        out.gauge(QUEUED, sync.delaysByState().getOrDefault(state, 0), sync.source(), pair, state);
      }
    }
  }

  static void log(LsyncdLogCounts counts, MetricWriter out) {
    for (Map.Entry<Integer, Long> e : counts.exitsByCode().entrySet()) {
      out.counter(EXITS, e.getValue(), Integer.toString(e.getKey()));
    }
    out.counter(RETRIES, counts.retries());
    out.counter(LOG_ERRORS, counts.errors());
    counts.lastExitCode().ifPresent(code -> out.gauge(LAST_EXIT, code));
  }
}
