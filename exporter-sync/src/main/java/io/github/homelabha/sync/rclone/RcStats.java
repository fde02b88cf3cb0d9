package io.github.homelabha.sync.rclone;

import java.util.Optional;

/**
 * rclone's accounting stats, as {@code core/stats} returns them and as {@code --use-json-log}
 * writes them in its {@code stats} object. Counts are for the whole rcd process (rc) or the run
 * (log).
 */
public record RcStats(
    double bytes,
    long checks,
    long deletes,
    long errors,
    long transfers,
    long renames,
    double elapsedTime,
    boolean fatalError,
    boolean retryError,
    int transferring,
    int checking,
    Optional<String> lastError) {}
