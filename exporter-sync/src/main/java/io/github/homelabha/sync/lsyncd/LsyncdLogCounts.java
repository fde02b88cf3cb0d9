package io.github.homelabha.sync.lsyncd;

import java.util.Map;
import java.util.Optional;

/**
 * What the lsyncd log said since the exporter started following it.
 *
 * @param exitsByCode rsync runs per exit code, finished and retried alike
 * @param retries lists lsyncd will retry (a failing rsync)
 * @param errors lines logged at level Error
 * @param lastExitCode the latest rsync exit code seen
 */
public record LsyncdLogCounts(
    Map<Integer, Long> exitsByCode, long retries, long errors, Optional<Integer> lastExitCode) {
  public LsyncdLogCounts {
    exitsByCode = Map.copyOf(exitsByCode);
  }
}
