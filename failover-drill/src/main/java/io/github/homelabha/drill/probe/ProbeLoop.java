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
  private final Map<String, Probe> probes;
  private final Map<String, ServiceTimeline> timelines = new LinkedHashMap<>();
  private final Map<String, ExecutorService> workers = new LinkedHashMap<>();
  private final Duration interval;
  private final Duration timeout;
  private final ScheduledExecutorService ticker;
  private volatile boolean stopped;

  /**
   * {@code probes}: service name to its probe, in configuration order; a probe without a complete
   * answer within {@code timeout} has failed.
   */
  public ProbeLoop(Map<String, Probe> probes, Duration interval, Duration timeout) {
    this.probes = new LinkedHashMap<>(probes);
    this.interval = interval;
    this.timeout = timeout;
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
                  } catch (Exception e) {
                    // also InterruptedException, which OkHttp's Kotlin code throws undeclared
                    // when close() interrupts a probe
                    failure = "probe error: " + e;
                  }
                  if (!stopped) {
                    timeline.finished(new ProbeRecord(start, failure));
                  }
                });
      } catch (RejectedExecutionException e) {
        // every worker is still waiting for an answer: the service does not answer in time
        timeline.finished(new ProbeRecord(start, "earlier probes still waiting for an answer"));
      }
    }
  }

  /**
   * Runs every probe once before the loop starts, with a generous {@code timeout}: the first probe
   * of a fresh JVM loads classes and resolvers, which must not count as the service being slow.
   * Returns the failure per service that did not answer; empty when all did.
   */
  public Map<String, String> warmUp(Duration timeout) {
    Map<String, String> failures = new LinkedHashMap<>();
    for (var entry : probes.entrySet()) {
      try {
        entry.getValue().check(timeout);
      } catch (ProbeFailedException e) {
        failures.put(entry.getKey(), e.getMessage());
      } catch (Exception e) {
        failures.put(entry.getKey(), "probe error: " + e);
      }
    }
    return failures;
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
    stopped = true;
    ticker.shutdownNow();
    workers.values().forEach(ExecutorService::shutdownNow);
  }
}
