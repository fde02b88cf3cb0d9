package io.github.homelabha.adguard.querylog;

import io.github.homelabha.adguard.model.QueryLogPage;
import java.time.Instant;

/** Reads one page of the query log: the newest entries, or those strictly older than a time. */
@FunctionalInterface
public interface QueryLogSource {
  /**
   * @param olderThan null for the newest page
   * @param limit the page size
   */
  QueryLogPage page(Instant olderThan, int limit) throws Exception;
}
