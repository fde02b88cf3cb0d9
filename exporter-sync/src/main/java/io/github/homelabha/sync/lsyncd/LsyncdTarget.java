package io.github.homelabha.sync.lsyncd;

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
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code lsyncd} target: reads the statusFile, the process table and (optionally) the log file;
 * {@link LsyncdCollector} maps what it read to {@code sync_lsyncd_*}.
 *
 * <p>The statusFile is left behind when lsyncd exits, so its delays are only served while an lsyncd
 * process runs; a garbled or persistently half-written file fails the scrape either way.
 */
public final class LsyncdTarget implements Target {
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
    running.ifPresent(n -> LsyncdCollector.running(n > 0, out));
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
    LsyncdCollector.statusFileTime(read.get().mtimeMillis, out);
    if (serveDelays) {
      LsyncdCollector.status(read.get().status, pairBySource, out);
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
    LsyncdCollector.log(counts, out);
  }
}
