package io.github.homelabha.core.scrape;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.ScrapeContext;
import io.github.homelabha.core.api.ScrapeException;
import io.github.homelabha.core.api.Target;
import io.github.homelabha.core.config.PromDuration;
import io.github.homelabha.core.secrets.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one target's scrapes: a deadline per scrape, one shared upstream fetch for concurrent
 * scrapes (singleflight), the optional minimum-interval cache, error counting and the last result
 * for the landing page.
 */
public final class TargetScraper {
  private static final Logger log = LoggerFactory.getLogger(TargetScraper.class);

  private final Target target;
  private final Set<MetricFamily> declared;
  private final ExecutorService pool;
  private final Redactor redactor;
  private final Clock clock;
  private final Map<String, AtomicLong> errorsByReason = new ConcurrentHashMap<>();

  private final Object lock = new Object();
  private Flight inFlight;
  private volatile ScrapeResult last;
  private final LabelsCache labelsCache = new LabelsCache();
  private String lastLoggedError;

  private record Flight(
      Future<ScrapeResult> future, Instant startedAt, Instant deadline, Reporter reporter) {}

  /**
   * Who reports one fetch's end: the fetch itself, or the scrapes that stopped waiting for it at
   * the deadline. A fetch that fails with its own timeout just as its waiters' timers fire would
   * otherwise be counted twice.
   */
  private static final class Reporter {
    private static final int OPEN = 0;
    private static final int FETCH = 1;
    private static final int WAITERS = 2;
    private final AtomicInteger side = new AtomicInteger(OPEN);

    /** True when the fetch reports its own result: no waiter has given up on it. */
    boolean forFetch() {
      return side.compareAndSet(OPEN, FETCH);
    }

    /** True when a waiter reports (and counts) the timeout: the fetch has not reported. */
    boolean forWaiter() {
      return side.compareAndSet(OPEN, WAITERS) || side.get() == WAITERS;
    }
  }

  public TargetScraper(
      Target target,
      Set<MetricFamily> declared,
      ExecutorService pool,
      Redactor redactor,
      Clock clock) {
    this.target = target;
    this.declared = declared;
    this.pool = pool;
    this.redactor = redactor;
    this.clock = clock;
  }

  public Target target() {
    return target;
  }

  /** The latest finished result, or null before the first scrape. */
  /** The labels of this target's last exposition, for the next one. */
  LabelsCache labelsCache() {
    return labelsCache;
  }

  public ScrapeResult last() {
    return last;
  }

  /** Scrape errors so far, by reason. */
  public Map<String, Long> errorCounts() {
    Map<String, Long> out = new java.util.TreeMap<>();
    errorsByReason.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /**
   * Scrapes within {@code budget} (the scrape's time limit, already reduced by the target's own
   * timeout by the caller or not). Never throws; a failure is a result.
   */
  public ScrapeResult scrape(Duration budget) {
    Duration timeout = target.timeout().filter(t -> t.compareTo(budget) < 0).orElse(budget);
    Instant now = clock.instant();
    ScrapeResult cached = last;
    Duration minInterval = target.minInterval();
    if (cached != null
        && cached.success()
        && !minInterval.isZero()
        && Duration.between(cached.startedAt(), now).compareTo(minInterval) < 0) {
      return cached;
    }

    Flight flight;
    synchronized (lock) {
      if (inFlight != null && !inFlight.future().isDone() && now.isBefore(inFlight.deadline())) {
        flight = inFlight; // singleflight: share the fetch already under way
      } else {
        if (inFlight != null && !inFlight.future().isDone()) {
          inFlight.future().cancel(true); // past its own deadline: abandon it
        }
        Instant deadline = now.plus(timeout);
        Instant startedAt = now;
        Reporter reporter = new Reporter();
        flight =
            new Flight(
                pool.submit(() -> fetch(startedAt, deadline, reporter)),
                startedAt,
                deadline,
                reporter);
        inFlight = flight;
      }
    }

    ScrapeResult result;
    Instant myDeadline = now.plus(timeout);
    try {
      long waitNanos = Math.max(0, Duration.between(clock.instant(), myDeadline).toNanos());
      result = flight.future().get(waitNanos, TimeUnit.NANOSECONDS);
      if (result.isLateFailure() && flight.reporter().forWaiter()) {
        // The fetch missed its deadline by less than this wait's timer jitter: no waiter timed
        // out and counted it, so this one does.
        record(result);
      }
    } catch (TimeoutException e) {
      result =
          ScrapeResult.failure(
              "timeout",
              "no answer within "
                  + PromDuration.format(timeout)
                  + " (scrape timeout; the upstream is slow or hanging)",
              flight.startedAt(),
              Duration.between(flight.startedAt(), clock.instant()));
      if (flight.reporter().forWaiter()) {
        record(result);
      } else {
        // The fetch ended right at the deadline and reported itself; its result is on its way.
        result = reportedByFetch(flight, result);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = ScrapeResult.failure("timeout", "scrape interrupted", now, Duration.ZERO);
    } catch (CancellationException e) {
      result = ScrapeResult.failure("timeout", "scrape cancelled", now, Duration.ZERO);
    } catch (ExecutionException e) {
      // fetch() catches every Throwable it can; one thrown while reporting lands here.
      result = failure("internal", "scrape failed: " + e.getCause(), flight.startedAt());
      record(result);
    }
    return result;
  }

  /** The result the fetch reported itself, or {@code timedOut} if it does not arrive soon. */
  private static ScrapeResult reportedByFetch(Flight flight, ScrapeResult timedOut) {
    try {
      return flight.future().get(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return timedOut;
    } catch (ExecutionException | TimeoutException | CancellationException e) {
      return timedOut;
    }
  }

  private ScrapeResult fetch(Instant startedAt, Instant deadline, Reporter reporter) {
    SampleBuffer buffer = new SampleBuffer(declared, redactor);
    ScrapeContext ctx = new Context(startedAt, deadline, clock);
    ScrapeResult result;
    try {
      target.scrape(ctx, buffer);
      result =
          ScrapeResult.success(
              buffer.samples(), startedAt, Duration.between(startedAt, clock.instant()));
    } catch (ScrapeException e) {
      result = failure(e.reason(), e.getMessage(), startedAt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = failure("timeout", "scrape abandoned after its deadline", startedAt);
    } catch (OutOfMemoryError e) {
      // The upstream answered more than the heap holds. The fetch's data is garbage now, so the
      // exporter itself goes on; say so instead of failing without a reason.
      result =
          failure(
              "out_of_memory",
              "ran out of Java heap ("
                  + Runtime.getRuntime().maxMemory() / (1 << 20)
                  + " MiB, -Xmx) while scraping: the upstream data is larger than this"
                  + " exporter's limits allow",
              startedAt);
    } catch (Exception | Error e) {
      log.atError()
          .addKeyValue("target", target.name())
          .setCause(e)
          .log("exporter bug while scraping; please report it with this log line");
      result = failure("internal", e.getClass().getSimpleName() + ": " + e.getMessage(), startedAt);
    }
    if (clock.instant().isAfter(deadline) || !reporter.forFetch()) {
      // Finished too late: every scrape waiting on it has already reported (and counted) a
      // timeout, and late data must not be served as fresh.
      return ScrapeResult.lateFailure(startedAt, Duration.between(startedAt, clock.instant()));
    }
    record(result);
    return result;
  }

  private ScrapeResult failure(String reason, String message, Instant startedAt) {
    return ScrapeResult.failure(
        reason,
        redactor.redact(Objects.requireNonNullElse(message, reason)),
        startedAt,
        Duration.between(startedAt, clock.instant()));
  }

  private void record(ScrapeResult result) {
    ScrapeResult previous = last;
    if (previous != null && previous.startedAt().isAfter(result.startedAt())) {
      return; // a newer fetch already reported
    }
    last = result;
    synchronized (lock) {
      if (result.success()) {
        if (lastLoggedError != null) {
          log.atInfo().addKeyValue("target", target.name()).log("target recovered");
          lastLoggedError = null;
        }
        return;
      }
      errorsByReason.computeIfAbsent(result.errorReason(), r -> new AtomicLong()).incrementAndGet();
      String key = result.errorReason() + ": " + result.errorMessage();
      // One warning per distinct error; repeats every scrape interval would drown the journal.
      if (!key.equals(lastLoggedError)) {
        log.atWarn()
            .addKeyValue("target", target.name())
            .addKeyValue("reason", result.errorReason())
            .log("scrape failed: {}", result.errorMessage());
        lastLoggedError = key;
      } else {
        log.atDebug()
            .addKeyValue("target", target.name())
            .addKeyValue("reason", result.errorReason())
            .log("scrape failed again: {}", result.errorMessage());
      }
    }
  }

  private record Context(Instant startedAt, Instant deadline, Clock clock)
      implements ScrapeContext {
    @Override
    public Duration remaining() {
      Duration d = Duration.between(clock.instant(), deadline);
      return d.isNegative() ? Duration.ZERO : d;
    }
  }
}
