package io.github.homelabha.sync.tree;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one scan of a directory found. Comparable between source and replica: the canary is left out
 * and both sides choose the sample the same way.
 *
 * @param files regular files and symlinks
 * @param directories directories below the root (the root itself not counted)
 * @param bytes sum of regular file sizes
 * @param newestMtime newest modification time of a regular file, empty for a tree without files
 * @param sampleDigest digest of the {@code sampleCount} most recently modified files (path, size,
 *     mtime in seconds), 48 bits so it is exact as a metric value
 * @param unreadable entries that could not be read (permissions)
 * @param truncated the scan stopped at the entry limit, counts are partial
 */
public record TreeSummary(
    long files,
    long directories,
    long bytes,
    Optional<Instant> newestMtime,
    long sampleDigest,
    int sampleCount,
    long unreadable,
    boolean truncated,
    Instant startedAt,
    Duration duration) {}
