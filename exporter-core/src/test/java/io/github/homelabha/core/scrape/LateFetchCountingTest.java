package io.github.homelabha.core.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.core.api.ScrapeContext;
import io.github.homelabha.core.api.ScrapeException;
import io.github.homelabha.core.api.Target;
import io.github.homelabha.core.secrets.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fetch that overruns its deadline but ends before the scrape waiting on it gives up (an upstream
 * call timing out exactly at the deadline) is one counted timeout, not an uncounted one.
 */
class LateFetchCountingTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void aFetchEndingJustAfterItsDeadlineIsCountedOnceAsATimeout() {
    Duration budget = Duration.ofSeconds(10);
    SteppingClock clock = new SteppingClock();
    Target overrunning =
        new Target() {
          @Override
          public String name() {
            return "upstream";
          }

          @Override
          public void scrape(ScrapeContext context, MetricWriter out) {
            clock.advance(budget.plusMillis(1));
          }
        };
    TargetScraper scraper = new TargetScraper(overrunning, Set.of(), pool, new Redactor(), clock);

    ScrapeResult result = scraper.scrape(budget);

    assertThat(result.success()).isFalse();
    assertThat(result.errorReason()).isEqualTo("timeout");
    assertThat(scraper.errorCounts()).containsEntry("timeout", 1L);
  }

  @Test
  void aFetchFailingWithItsOwnTimeoutAfterTheWaiterGaveUpIsNotCountedAgain() throws Exception {
    // The clock stands still, so the fetch ends "before" its deadline by the clock, while the
    // waiting scrape's real timer has already fired: an upstream call that times out at the very
    // moment the scrape does.
    SteppingClock clock = new SteppingClock();
    CountDownLatch waiterGaveUp = new CountDownLatch(1);
    CountDownLatch fetchEnded = new CountDownLatch(1);
    Target timingOut =
        new Target() {
          @Override
          public String name() {
            return "upstream";
          }

          @Override
          public void scrape(ScrapeContext context, MetricWriter out) throws Exception {
            try {
              waiterGaveUp.await();
              throw new ScrapeException("timeout", "upstream call timed out");
            } finally {
              fetchEnded.countDown();
            }
          }
        };
    TargetScraper scraper = new TargetScraper(timingOut, Set.of(), pool, new Redactor(), clock);

    ScrapeResult result = scraper.scrape(Duration.ofMillis(100));
    waiterGaveUp.countDown();
    assertThat(fetchEnded.await(5, TimeUnit.SECONDS)).isTrue();
    // the fetch reports (or not) right after it ended: the count must stay at one
    Awaitility.await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(5))
        .until(() -> scraper.errorCounts().equals(Map.of("timeout", 1L)));
    assertThat(result.errorReason()).isEqualTo("timeout");
  }

  /** A clock that stands still until the target moves it on. */
  private static final class SteppingClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
