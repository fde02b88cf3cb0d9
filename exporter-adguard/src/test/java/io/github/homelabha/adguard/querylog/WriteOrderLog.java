package io.github.homelabha.adguard.querylog;

import io.github.homelabha.adguard.model.QueryLogEntry;
import io.github.homelabha.adguard.model.QueryLogPage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * An in-memory query log with AdGuard Home's paging: the {@code limit} most recently written
 * entries strictly older than the cursor, then sorted newest first. Entries are written when they
 * finish (start + elapsed), which a test controls through its own clock.
 */
final class WriteOrderLog implements QueryLogSource {
  private final List<QueryLogEntry> written = new ArrayList<>();
  private final List<QueryLogEntry> inFlight = new ArrayList<>();
  private final Random random;
  private long sequence;
  private long writtenTotal;
  int requests;
  int failAtRequest = -1;

  WriteOrderLog(long seed) {
    this.random = new Random(seed);
  }

  /** Starts a query at {@code start} that takes {@code elapsedMillis}. */
  void start(Instant start, double elapsedMillis) {
    long id = ++sequence;
    String text = start.toString();
    inFlight.add(
        new QueryLogEntry(
            start,
            text,
            elapsedMillis / 1000,
            id % 7 == 0 ? "FilteredBlackList" : "NotFilteredNotFound",
            id % 3 == 0 ? "AAAA" : "A",
            "NOERROR",
            id % 2 == 0 ? "" : "tls://1.1.1.1:853",
            id % 2 == 0,
            id * 0x9E3779B97F4A7C15L));
  }

  /** Writes, in finishing order, every started query that has finished by {@code now}. */
  void advanceTo(Instant now) {
    inFlight.sort(Comparator.comparing(WriteOrderLog::finish));
    while (!inFlight.isEmpty() && !finish(inFlight.get(0)).isAfter(now)) {
      written.add(inFlight.remove(0));
      writtenTotal++;
    }
  }

  void clear() {
    written.clear();
  }

  void rotate() {
    written.subList(0, written.size() / 2).clear();
  }

  long writtenTotal() {
    return writtenTotal;
  }

  Random random() {
    return random;
  }

  private static Instant finish(QueryLogEntry e) {
    return e.time().plusNanos((long) (e.elapsedSeconds() * 1e9));
  }

  @Override
  public QueryLogPage page(Instant olderThan, int limit) {
    requests++;
    if (requests == failAtRequest) {
      throw new IllegalStateException("connection reset");
    }
    List<QueryLogEntry> page = new ArrayList<>();
    for (int i = written.size() - 1; i >= 0 && page.size() < limit; i--) {
      QueryLogEntry e = written.get(i);
      if (olderThan == null || e.time().isBefore(olderThan)) {
        page.add(e);
      }
    }
    page.sort(Comparator.comparing(QueryLogEntry::time).reversed());
    return new QueryLogPage(page);
  }
}
