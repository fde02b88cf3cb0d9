package io.github.homelabha.sync.pair;

import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.core.api.ScrapeContext;
import io.github.homelabha.core.api.ScrapeException;
import io.github.homelabha.core.api.Target;
import io.github.homelabha.sync.canary.CanaryCollector;
import io.github.homelabha.sync.canary.CanaryWriteStatus;
import io.github.homelabha.sync.canary.CanaryWriteTask;
import io.github.homelabha.sync.role.Role;
import io.github.homelabha.sync.role.RoleResolver;
import io.github.homelabha.sync.tree.TreeCollector;
import io.github.homelabha.sync.tree.TreeScanResult;
import io.github.homelabha.sync.tree.TreeScanTask;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One pair as a scrape target (target name = pair name): its role now, its canary and its tree
 * summary. Anything that makes the lag unknowable (no canary, garbled canary, a source that stopped
 * writing, a vanished directory) fails this pair's scrape, so {@code sync_up} is 0 for it and no
 * stale lag is served.
 */
public final class PairTarget implements Target {
  private final String pair;
  private final Role configuredRole;
  private final Path directory;
  private final Path canaryFile;
  private final Duration canaryInterval;
  private final int sampleSize;
  private final RoleResolver roles;
  private final CanaryWriteTask writer;
  private final Optional<TreeScanTask> scanner;
  private final Clock clock;

  public PairTarget(
      String pair,
      Role configuredRole,
      Path directory,
      String canaryFileName,
      Duration canaryInterval,
      int sampleSize,
      RoleResolver roles,
      CanaryWriteTask writer,
      Optional<TreeScanTask> scanner,
      Clock clock) {
    this.pair = pair;
    this.configuredRole = configuredRole;
    this.directory = directory;
    this.canaryFile = directory.resolve(canaryFileName);
    this.canaryInterval = canaryInterval;
    this.sampleSize = sampleSize;
    this.roles = roles;
    this.writer = writer;
    this.scanner = scanner;
    this.clock = clock;
  }

  @Override
  public String name() {
    return pair;
  }

  @Override
  public String description() {
    return configuredRole.label() + " " + directory;
  }

  @Override
  public void scrape(ScrapeContext context, MetricWriter out) throws ScrapeException {
    Role role;
    try {
      role = roles.effective(configuredRole);
    } catch (IOException e) {
      throw new ScrapeException(
          "role",
          "cannot tell whether this node is source of pair " + pair + ": " + e.getMessage());
    }
    String roleLabel = role.label();
    PairCollector.info(pair, role, configuredRole, directory, out);
    Instant now = clock.instant();
    if (role == Role.SOURCE) {
      CanaryWriteStatus writes = writer.statusWritingIfStale(pair, canaryInterval.multipliedBy(2));
      CanaryCollector.collectSource(pair, canaryInterval, clock.instant(), writes, out);
    } else {
      CanaryCollector.collectReplica(pair, canaryFile, now, writer.status(pair), out);
    }
    if (scanner.isPresent()) {
      Optional<TreeScanResult> latest = scanner.get().latest(pair);
      if (latest.isPresent()) {
        TreeCollector.collect(pair, roleLabel, latest.get(), sampleSize, out);
      }
    }
  }

  /**
   * What this pair looks like now, for the {@code /pairs} JSON endpoint and the landing page: plain
   * values only (no exceptions escape; an unknown role is shown as its error).
   */
  public Map<String, Object> status() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("pair", pair);
    s.put("path", directory.toString());
    s.put("configured_role", configuredRole.label());
    try {
      s.put("role", roles.effective(configuredRole).label());
    } catch (IOException e) {
      s.put("role", "unknown: " + e.getMessage());
    }
    CanaryWriteStatus writes = writer.status(pair);
    writes
        .lastWritten()
        .ifPresent(
            c -> {
              s.put("canary_last_written_at", c.writtenAt().toString());
              s.put("canary_last_written_sequence", c.sequence());
            });
    s.put("canary_writes", writes.writes());
    s.put("canary_write_errors", writes.failures());
    writes.lastError().ifPresent(e -> s.put("canary_write_error", e));
    scanner
        .flatMap(t -> t.latest(pair))
        .ifPresent(
            r -> {
              s.put("tree_scanned_at", r.finishedAt().toString());
              r.error().ifPresent(e -> s.put("tree_scan_error", e));
              r.summary()
                  .ifPresent(
                      t -> {
                        s.put("tree_files", t.files());
                        s.put("tree_bytes", t.bytes());
                        s.put("tree_scan_seconds", t.duration().toNanos() / 1e9);
                      });
            });
    return s;
  }

  /** Whether the canary writer should write this pair now. */
  public boolean isSourceNow() throws IOException {
    return roles.effective(configuredRole) == Role.SOURCE;
  }
}
