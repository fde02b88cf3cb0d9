package io.github.homelabha.sync.canary;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.core.api.ScrapeException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Emits {@code sync_lag_seconds} and {@code sync_canary_*} for one pair: on the replica from the
 * replicated canary read at scrape time, on the source from what the writer last wrote.
 */
public final class CanaryCollector {
  public static final MetricFamily LAG =
      MetricFamily.gauge(
          "sync_lag_seconds",
          "Replica only: now minus the write time of the replicated canary. Includes clock skew"
              + " between the hosts and up to one canary interval of sawtooth.",
          "pair",
          "role");
  public static final MetricFamily SEQUENCE =
      MetricFamily.gauge(
          "sync_canary_sequence",
          "Sequence number of the canary: last written (source) or last replicated (replica).",
          "pair",
          "role");
  public static final MetricFamily TIMESTAMP =
      MetricFamily.gauge(
          "sync_canary_timestamp_seconds",
          "Write time stored in the canary, seconds since the epoch.",
          "pair",
          "role");
  public static final MetricFamily AGE =
      MetricFamily.gauge(
          "sync_canary_age_seconds",
          "Now minus the canary's write time, on both sides (on the source it shows a stuck"
              + " writer).",
          "pair",
          "role");
  public static final MetricFamily WRITER =
      MetricFamily.info(
          "sync_canary_writer_info",
          "The node that wrote the canary seen.",
          "pair",
          "role",
          "writer");
  public static final MetricFamily WRITES =
      MetricFamily.counter(
          "sync_canary_writes_total", "Canaries written by this node since start.", "pair", "role");
  public static final MetricFamily WRITE_ERRORS =
      MetricFamily.counter(
          "sync_canary_write_errors_total",
          "Failed canary writes by this node since start.",
          "pair",
          "role");

  public static final List<MetricFamily> FAMILIES =
      List.of(LAG, SEQUENCE, TIMESTAMP, AGE, WRITER, WRITES, WRITE_ERRORS);

  private CanaryCollector() {}

  /** Replica side: reads the canary now; a missing or garbled one fails the pair's scrape. */
  public static void collectReplica(
      String pair, Path canaryFile, Instant now, CanaryWriteStatus writes, MetricWriter out)
      throws ScrapeException {
    Canary canary;
    try {
      canary = CanaryReader.read(canaryFile);
    } catch (CanaryReader.CanaryReadException e) {
      throw new ScrapeException("canary_missing", e.getMessage());
    } catch (CanaryParseException e) {
      throw new ScrapeException(
          "canary_invalid", "canary " + canaryFile + " is not valid: " + e.getMessage());
    }
    double age = seconds(Duration.between(canary.writtenAt(), now));
    String role = "replica";
    out.gauge(LAG, age, pair, role);
    writeCommon(pair, role, canary, age, out);
    writeCounters(pair, role, writes, out);
  }

  /**
   * Source side: the writer's last canary. A failed last write, or no write for two intervals,
   * fails the scrape: a source that stopped beating must not look healthy.
   */
  public static void collectSource(
      String pair, Duration interval, Instant now, CanaryWriteStatus writes, MetricWriter out)
      throws ScrapeException {
    if (writes.lastError().isPresent()) {
      throw new ScrapeException("canary_write", writes.lastError().get());
    }
    if (writes.lastWritten().isEmpty()) {
      throw new ScrapeException(
          "canary_write", "no canary written yet for pair " + pair + " (writer just started?)");
    }
    Canary canary = writes.lastWritten().get();
    Duration age = Duration.between(canary.writtenAt(), now);
    Duration limit = interval.multipliedBy(2).plusSeconds(1);
    if (age.compareTo(limit) > 0) {
      throw new ScrapeException(
          "canary_write",
          "the canary of pair "
              + pair
              + " was last written "
              + age.toSeconds()
              + "s ago, expected every "
              + interval.toMillis()
              + "ms");
    }
    String role = "source";
    writeCommon(pair, role, canary, seconds(age), out);
    writeCounters(pair, role, writes, out);
  }

  private static void writeCommon(
      String pair, String role, Canary canary, double age, MetricWriter out) {
    out.gauge(SEQUENCE, canary.sequence(), pair, role);
    out.gauge(TIMESTAMP, canary.writtenAt().toEpochMilli() / 1000.0, pair, role);
    out.gauge(AGE, age, pair, role);
    out.info(WRITER, pair, role, canary.writer());
  }

  private static void writeCounters(
      String pair, String role, CanaryWriteStatus writes, MetricWriter out) {
    out.counter(WRITES, writes.writes(), pair, role);
    out.counter(WRITE_ERRORS, writes.failures(), pair, role);
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
