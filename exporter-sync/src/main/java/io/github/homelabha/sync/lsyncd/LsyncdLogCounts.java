package io.github.homelabha.sync.lsyncd;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the lsyncd log said since the exporter started following it.
 *
 * @param exitsByCode rsync runs per exit code, finished and retried alike; kept in code order so
 *     the series come out in the same order at every scrape and in every JVM
 * @param retries lists lsyncd will retry (a failing rsync)
 * @param errors lines logged at level Error
 * @param lastExitCode the latest rsync exit code seen
 */
public record LsyncdLogCounts(
    Map<Integer, Long> exitsByCode, long retries, long errors, Optional<Integer> lastExitCode) {
  public LsyncdLogCounts {
    exitsByCode = Collections.unmodifiableMap(new TreeMap<>(exitsByCode));
  }
}
