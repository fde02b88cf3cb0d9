package io.github.homelabha.sync.tree;

import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of the latest scan of one pair: a summary, or the error that stopped it. Also counts
 * scans and failures since start.
 */
public record TreeScanResult(
    Optional<TreeSummary> summary,
    Optional<String> error,
    Instant finishedAt,
    long scans,
    long failures) {}
