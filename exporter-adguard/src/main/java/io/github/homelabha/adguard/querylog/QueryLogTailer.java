package io.github.homelabha.adguard.querylog;

import io.github.homelabha.adguard.model.QueryLogEntry;
import io.github.homelabha.adguard.model.QueryLogPage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Follows AdGuard Home's query log and counts every entry exactly once, from the moment the tailer
 * first sees the log (history is not counted).
 *
 * <p>The API has no "newer than": each poll pages from the newest entry back to the previous poll's
 * newest time minus an overlap (entries are stamped when the query started but written when it
 * finished, so a slow query appears late with an old time), skipping entries already seen. The
 * server cuts a page in write order before sorting it by time, so the next cursor is not the page's
 * oldest time but the earliest <em>finish</em> time in the page (time + elapsed): every entry not
 * yet returned was written before that. A poll that fails half-way changes nothing; the next one
 * reads the same range again. Memory is the set of identities within the overlap, capped.
 */
public final class QueryLogTailer {
  /** Clock differences between an entry's computed finish and the moment it was written. */
  private static final Duration WRITE_SLACK = Duration.ofMillis(5);

  /** How far a page may grow when late-written entries fill it. */
  private static final int MAX_PAGE_GROWTH = 8;

  private final int pageSize;
  private final Duration overlap;
  private final int maxEntriesPerPoll;
  private final int maxRemembered;
  private final QueryCounts counts = new QueryCounts();
  private Map<Long, Long> seen = new HashMap<>();
  private Instant highWater;

  /** Entries older than this were forgotten to bound memory; they are never counted again. */
  private Instant forgottenBelow;

  private boolean started;
  private long polls;
  private long truncatedPolls;
  private long entriesRead;

  /**
   * @param pageSize entries per request
   * @param overlap how late an entry may appear after queries that started after it (AdGuard's
   *     upstream timeout is 10 s by default)
   * @param maxEntriesPerPoll bound of the work of one poll; beyond it the poll stops early
   * @param maxRemembered bound of the identities kept for de-duplication
   */
  public QueryLogTailer(int pageSize, Duration overlap, int maxEntriesPerPoll, int maxRemembered) {
    if (pageSize < 2 || maxEntriesPerPoll < pageSize || maxRemembered < pageSize) {
      throw new IllegalArgumentException("query log tailer bounds too small");
    }
    this.pageSize = pageSize;
    this.overlap = overlap;
    this.maxEntriesPerPoll = maxEntriesPerPoll;
    this.maxRemembered = maxRemembered;
  }

  public static QueryLogTailer withDefaults() {
    return new QueryLogTailer(500, Duration.ofSeconds(30), 200_000, 200_000);
  }

  /**
   * Reads what was logged since the last poll and counts it. Throws, changing nothing, on error.
   */
  public synchronized void poll(QueryLogSource source) throws Exception {
    boolean baseline = !started;
    Instant boundary = highWater == null ? null : highWater.minus(overlap);
    if (forgottenBelow != null && (boundary == null || forgottenBelow.isAfter(boundary))) {
      boundary = forgottenBelow;
    }
    Instant newest = highWater;
    Map<Long, Long> found = new HashMap<>();
    QueryCounts fresh = new QueryCounts();
    Instant cursor = null;
    int limit = pageSize;
    int read = 0;
    boolean truncated = false;
    while (true) {
      QueryLogPage page = source.page(cursor, limit);
      if (page.entries().isEmpty()) {
        break;
      }
      read += page.entries().size();
      Instant earliestStart = null;
      Instant earliestFinish = null;
      for (QueryLogEntry e : page.entries()) {
        if (newest == null || e.time().isAfter(newest)) {
          newest = e.time();
        }
        Instant finish = e.time().plusNanos((long) (e.elapsedSeconds() * 1e9));
        earliestStart = min(earliestStart, e.time());
        earliestFinish = min(earliestFinish, finish);
      }
      if (baseline && boundary == null) {
        // first poll: everything within the overlap of the newest entry is history, seen but not
        // counted; later arrivals with older times are new
        boundary = newest.minus(overlap);
      }
      for (QueryLogEntry e : page.entries()) {
        if ((boundary != null && e.time().isBefore(boundary))
            || seen.containsKey(e.identity())
            || found.containsKey(e.identity())) {
          continue;
        }
        found.put(e.identity(), nanos(e.time()));
        if (!baseline) {
          fresh.add(e);
        }
      }
      if (page.entries().size() < limit) {
        break;
      }
      Instant next = earliestFinish.plus(WRITE_SLACK);
      if (cursor != null && !next.isBefore(cursor)) {
        // The page holds only entries that started before the cursor but were written late: a
        // larger page reaches past them. At the largest page, step past them all, which may skip
        // some (reported as an incomplete poll).
        if (limit < pageSize * MAX_PAGE_GROWTH) {
          limit *= 2;
          continue;
        }
        next = earliestStart;
        truncated = true;
      }
      cursor = next;
      if (boundary != null && !cursor.isAfter(boundary)) {
        break;
      }
      if (read >= maxEntriesPerPoll) {
        truncated = true;
        break;
      }
    }
    commit(fresh, found, newest, read, truncated);
  }

  private void commit(
      QueryCounts fresh, Map<Long, Long> found, Instant newest, int read, boolean truncated) {
    synchronized (counts) {
      counts.addAll(fresh);
    }
    seen.putAll(found);
    if (newest != null) {
      highWater = newest;
      long keepFrom = nanos(highWater.minus(overlap));
      seen.values().removeIf(t -> t < keepFrom);
    }
    if (seen.size() > maxRemembered) {
      forgetOldest();
    }
    polls++;
    entriesRead += read;
    if (truncated) {
      truncatedPolls++;
    }
    // from here on every entry not seen is new, even when the log was empty at the first poll
    started = true;
  }

  private void forgetOldest() {
    long[] times = seen.values().stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(times);
    long cutoff = times[times.length - maxRemembered];
    forgottenBelow = Instant.ofEpochSecond(0, cutoff);
    Map<Long, Long> kept = new HashMap<>();
    seen.forEach(
        (k, t) -> {
          if (t >= cutoff && kept.size() < maxRemembered) {
            kept.put(k, t);
          }
        });
    seen = kept;
  }

  /** The counts so far (a copy). */
  public QueryCounts counts() {
    synchronized (counts) {
      return counts.snapshot();
    }
  }

  public synchronized long polls() {
    return polls;
  }

  /**
   * Polls that may have missed entries: stopped at {@code maxEntriesPerPoll}, or had to step past
   * more entries than a page holds within the write slack.
   */
  public synchronized long truncatedPolls() {
    return truncatedPolls;
  }

  /** Entries received, duplicates and history included: the tailing's cost. */
  public synchronized long entriesRead() {
    return entriesRead;
  }

  /** Identities currently remembered for de-duplication. */
  public synchronized int remembered() {
    return seen.size();
  }

  private static Instant min(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
