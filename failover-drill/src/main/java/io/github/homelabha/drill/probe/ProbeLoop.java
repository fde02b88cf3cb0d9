package io.github.homelabha.drill.probe;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Starts a probe of every service every {@code interval}, on the tick, whether or not the previous
 * one has finished: a probe that hangs until its timeout does not delay the next, so the times at
 * which a service failed and came back are known to one interval.
 */
public final class ProbeLoop implements AutoCloseable {
  /** A probe gets no answer within this (or the interval, when that is longer): failed. */
  public static final Duration MIN_PROBE_TIMEOUT = Duration.ofSeconds(1);

  private final Map<String, Probe> probes;
  private final Map<String, ServiceTimeline> timelines = new LinkedHashMap<>();
  private final Map<String, ExecutorService> workers = new LinkedHashMap<>();
  private final Duration interval;
  private final Duration timeout;
  private final ScheduledExecutorService ticker;

  /** {@code probes}: service name to its probe, in configuration order. */
  public ProbeLoop(Map<String, Probe> probes, Duration interval) {
    this.probes = new LinkedHashMap<>(probes);
    this.interval = interval;
    this.timeout = interval.compareTo(MIN_PROBE_TIMEOUT) > 0 ? interval : MIN_PROBE_TIMEOUT;
    // overlapping probes per service: as many as can be running within one timeout, plus slack
    int parallel = (int) Math.min(64, timeout.toNanos() / interval.toNanos() + 2);
    for (String service : this.probes.keySet()) {
      timelines.put(service, new ServiceTimeline(service));
      workers.put(
          service,
          new ThreadPoolExecutor(
              0,
              parallel,
              5,
              TimeUnit.SECONDS,
              new SynchronousQueue<>(),
              r -> daemon(r, "probe-" + service)));
    }
    this.ticker = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "probe-ticker"));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  public Duration timeout() {
    return timeout;
  }

  public void start() {
    ticker.scheduleAtFixedRate(this::tick, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void tick() {
    for (var entry : probes.entrySet()) {
      ServiceTimeline timeline = timelines.get(entry.getKey());
      Probe probe = entry.getValue();
      long start = System.nanoTime();
      timeline.started(start);
      try {
        workers
            .get(entry.getKey())
            .execute(
                () -> {
                  String failure = null;
                  try {
                    probe.check(timeout);
                  } catch (ProbeFailedException e) {
                    failure = e.getMessage();
                  } catch (RuntimeException e) {
                    failure = "probe error: " + e;
                  }
                  timeline.finished(new ProbeRecord(start, failure));
                });
      } catch (RejectedExecutionException e) {
        // every worker is still waiting for an answer: the service does not answer in time
        timeline.finished(new ProbeRecord(start, "earlier probes still waiting for an answer"));
      }
    }
  }

  public ServiceTimeline timeline(String service) {
    return timelines.get(service);
  }

  public List<ServiceTimeline> timelines() {
    return List.copyOf(timelines.values());
  }

  /** Stops probing; running probes end within their timeout and are no longer recorded. */
  @Override
  public void close() {
    ticker.shutdownNow();
    workers.values().forEach(ExecutorService::shutdownNow);
  }
}
