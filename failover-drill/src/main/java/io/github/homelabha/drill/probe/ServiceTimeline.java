package io.github.homelabha.drill.probe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Every probe of one service, finished or still running. Probes may overlap and finish out of
 * order, so {@link #settled()} returns only the probes that started before the oldest one still
 * running: that prefix can no longer change.
 */
public final class ServiceTimeline {
  private final String service;
  private final List<ProbeRecord> finished = new ArrayList<>();
  private final TreeMap<Long, Integer> running = new TreeMap<>();

  public ServiceTimeline(String service) {
    this.service = service;
  }

  public String service() {
    return service;
  }

  synchronized void started(long startNanos) {
    running.merge(startNanos, 1, Integer::sum);
  }

  synchronized void finished(ProbeRecord record) {
    running.computeIfPresent(record.startNanos(), (k, n) -> n == 1 ? null : n - 1);
    finished.add(record);
  }

  /** The finished probes that started before every running one, in start order. */
  public synchronized List<ProbeRecord> settled() {
    long horizon = running.isEmpty() ? Long.MAX_VALUE : running.firstKey();
    return finished.stream()
        .filter(r -> r.startNanos() - horizon < 0)
        .sorted(Comparator.comparingLong(ProbeRecord::startNanos))
        .toList();
  }
}
