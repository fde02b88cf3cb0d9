package io.github.homelabha.sync.lsyncd;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.core.api.ScrapeContext;
import io.github.homelabha.core.api.ScrapeException;
import io.github.homelabha.core.api.Target;
import io.github.homelabha.core.io.BoundedFiles;
import io.github.homelabha.sync.fs.FileErrors;
import io.github.homelabha.sync.proc.ProcessTable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code lsyncd} target: emits {@code sync_lsyncd_*} from the statusFile, the process table and
 * (optionally) the log file.
 *
 * <p>The statusFile is left behind when lsyncd exits, so its delays are only served while an lsyncd
 * process runs; a garbled or persistently half-written file fails the scrape either way.
 */
public final class LsyncdTarget implements Target {
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

  /**
   * About 40 bytes per queued change: a backlog of over a million changes. The file is parsed as it
   * is read, in constant memory; the cap bounds the time a file that never ends can take.
   */
  static final int MAX_STATUS_BYTES = 64 << 20;

  private static final int READ_ATTEMPTS = 4;
  private static final long RETRY_PAUSE_MILLIS = 100;

  private final LsyncdConfig config;
  private final Map<String, String> pairBySource;
  private final ProcessTable processes;
  private final Optional<LsyncdLogFollower> log;

  /**
   * @param pairBySource pair name per source directory (normalised with a trailing slash, as lsyncd
   *     prints it)
   */
  public LsyncdTarget(
      LsyncdConfig config, Map<String, String> pairBySource, ProcessTable processes) {
    this.config = config;
    this.pairBySource = Map.copyOf(pairBySource);
    this.processes = processes;
    this.log =
        config.logFile.isEmpty()
            ? Optional.empty()
            : Optional.of(new LsyncdLogFollower(Path.of(config.logFile)));
  }

  @Override
  public String name() {
    return "lsyncd";
  }

  @Override
  public String description() {
    return config.statusFile.isEmpty() ? config.logFile : config.statusFile;
  }

  @Override
  public Optional<Duration> timeout() {
    return Optional.of(Duration.ofSeconds(5));
  }

  @Override
  public void scrape(ScrapeContext context, MetricWriter out) throws Exception {
    OptionalInt running = processes.count(config.processName);
    running.ifPresent(n -> out.gauge(RUNNING, n > 0));
    // Unknown process state (no /proc): serve the file and let the reader judge its age.
    boolean serveDelays = running.isEmpty() || running.getAsInt() > 0;
    if (!config.statusFile.isEmpty()) {
      collectStatus(context, serveDelays, out);
    }
    if (log.isPresent()) {
      collectLog(out);
    }
  }

  private void collectStatus(ScrapeContext context, boolean serveDelays, MetricWriter out)
      throws ScrapeException, InterruptedException {
    Path file = Path.of(config.statusFile);
    Optional<ReadStatus> read = readStatus(file, context);
    if (read.isEmpty()) {
      if (serveDelays) {
        throw new ScrapeException(
            "unreadable",
            "lsyncd runs but its status file "
                + file
                + " does not exist (is settings.statusFile set to this path?)");
      }
      return;
    }
    out.gauge(STATUS_TIME, read.get().mtimeMillis / 1000.0);
    if (!serveDelays) {
      return;
    }
    LsyncdStatus status = read.get().status;
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

  private record ReadStatus(LsyncdStatus status, long mtimeMillis) {}

  /**
   * Reads and parses, retrying briefly while lsyncd is mid-rewrite; empty when there is no file.
   */
  private Optional<ReadStatus> readStatus(Path file, ScrapeContext context)
      throws ScrapeException, InterruptedException {
    LsyncdParseException last = null;
    for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
      if (attempt > 0) {
        if (context.remaining().toMillis() < RETRY_PAUSE_MILLIS * 2) {
          break;
        }
        Thread.sleep(RETRY_PAUSE_MILLIS);
      }
      try (Reader in =
          new InputStreamReader(
              BoundedFiles.open(file, MAX_STATUS_BYTES), StandardCharsets.UTF_8)) {
        long mtime = Files.getLastModifiedTime(file).toMillis();
        return Optional.of(new ReadStatus(LsyncdStatusParser.parse(in), mtime));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw new ScrapeException(
            "unreadable", "cannot read lsyncd status file " + file + ": " + FileErrors.describe(e));
      } catch (LsyncdParseException e) {
        last = e;
        if (!e.incomplete()) {
          break;
        }
      }
    }
    throw new ScrapeException(
        "parse", "lsyncd status file " + file + " could not be parsed: " + last.getMessage());
  }

  private void collectLog(MetricWriter out) throws ScrapeException {
    LsyncdLogCounts counts;
    try {
      counts = log.get().poll();
    } catch (IOException e) {
      throw new ScrapeException(
          "unreadable", "cannot read lsyncd log " + config.logFile + ": " + FileErrors.describe(e));
    }
    for (Map.Entry<Integer, Long> e : counts.exitsByCode().entrySet()) {
      out.counter(EXITS, e.getValue(), Integer.toString(e.getKey()));
    }
    out.counter(RETRIES, counts.retries());
    out.counter(LOG_ERRORS, counts.errors());
    counts.lastExitCode().ifPresent(code -> out.gauge(LAST_EXIT, code));
  }
}
