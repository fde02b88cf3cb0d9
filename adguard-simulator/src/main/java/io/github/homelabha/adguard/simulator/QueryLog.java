package io.github.homelabha.adguard.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The query log as AdGuard Home keeps it: entries in the order they were <em>written</em> (when the
 * answer came back), each stamped with the time the query <em>started</em>. A page is cut in write
 * order (the {@code limit} most recently written entries strictly older than the cursor) and only
 * then sorted newest first, which is the behaviour that breaks naive "oldest time of the page"
 * cursors. When full, the oldest half is dropped, like AdGuard's file rotation.
 */
final class QueryLog {
  private final int capacity;
  private final List<QueryEntry> written = new ArrayList<>();
  private long writtenTotal;

  QueryLog(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("query log capacity must be at least 2");
    }
    this.capacity = capacity;
  }

  synchronized void write(QueryEntry entry) {
    if (written.size() >= capacity) {
      rotate();
    }
    written.add(entry);
    writtenTotal++;
  }

  /** Drops the older half, as a rotation to {@code querylog.json.1} followed by its expiry does. */
  synchronized void rotate() {
    written.subList(0, written.size() / 2).clear();
  }

  synchronized void clear() {
    written.clear();
  }

  /** Entries ever written, cleared and rotated ones included. */
  synchronized long writtenTotal() {
    return writtenTotal;
  }

  synchronized int size() {
    return written.size();
  }

  /** One page: see the class comment. {@code olderThan} null means from the newest entry. */
  synchronized List<QueryEntry> page(Instant olderThan, int limit) {
    List<QueryEntry> page = new ArrayList<>(Math.min(limit, written.size()));
    for (int i = written.size() - 1; i >= 0 && page.size() < limit; i--) {
      QueryEntry e = written.get(i);
      if (olderThan == null || e.start().isBefore(olderThan)) {
        page.add(e);
      }
    }
    page.sort(Comparator.comparing(QueryEntry::start).reversed());
    return page;
  }
}
