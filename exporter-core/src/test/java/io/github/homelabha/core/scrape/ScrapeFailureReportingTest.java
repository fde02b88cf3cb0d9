package io.github.homelabha.core.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.core.api.ScrapeContext;
import io.github.homelabha.core.api.Target;
import io.github.homelabha.core.secrets.Redactor;
import io.github.homelabha.core.testkit.CapturedLogs;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A fetch that dies with an Error is a counted, logged failure with a reason, not a silent one. */
class ScrapeFailureReportingTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private TargetScraper scraper(Target target) {
    return new TargetScraper(target, Set.of(), pool, new Redactor(), Clock.systemUTC());
  }

  private static Target failingWith(Error error) {
    return new Target() {
      @Override
      public String name() {
        return "upstream";
      }

      @Override
      public void scrape(ScrapeContext context, MetricWriter out) {
        throw error;
      }
    };
  }

  @Test
  void runningOutOfMemoryIsReportedWithAReason() {
    // What reading a hostile upstream answer without a bound ends in.
    TargetScraper scraper = scraper(failingWith(new OutOfMemoryError("Java heap space")));
    try (CapturedLogs logs = CapturedLogs.attach()) {
      ScrapeResult result = scraper.scrape(Duration.ofSeconds(10));
      assertThat(result.success()).isFalse();
      assertThat(result.errorReason()).isEqualTo("out_of_memory");
      assertThat(result.errorMessage()).contains("heap").contains("-Xmx");
      assertThat(scraper.last()).as("the landing page shows it").isSameAs(result);
      assertThat(scraper.errorCounts()).containsEntry("out_of_memory", 1L);
      assertThat(logs.text()).contains("scrape failed").contains("heap");
    }
  }

  @Test
  void anyOtherErrorIsAnInternalFailureWithItsName() {
    TargetScraper scraper = scraper(failingWith(new StackOverflowError()));
    ScrapeResult result = scraper.scrape(Duration.ofSeconds(10));
    assertThat(result.errorReason()).isEqualTo("internal");
    assertThat(result.errorMessage()).contains("StackOverflowError");
    assertThat(scraper.errorCounts()).containsEntry("internal", 1L);
  }
}
