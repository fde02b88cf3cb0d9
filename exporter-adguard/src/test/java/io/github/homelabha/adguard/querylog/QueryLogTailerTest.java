package io.github.homelabha.adguard.querylog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryLogTailerTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private static QueryLogTailer tailer(int pageSize) {
    return new QueryLogTailer(pageSize, Duration.ofSeconds(30), 100_000, 100_000);
  }

  @Test
  void historyBeforeTheFirstPollIsNotCounted() throws Exception {
    WriteOrderLog log = new WriteOrderLog(1);
    for (int i = 0; i < 100; i++) {
      log.start(T0.plusMillis(i * 10), 2);
    }
    log.advanceTo(T0.plusSeconds(5));
    QueryLogTailer t = tailer(20);
    t.poll(log);
    assertThat(t.counts().total()).isZero();
    log.start(T0.plusSeconds(6), 1);
    log.advanceTo(T0.plusSeconds(7));
    t.poll(log);
    assertThat(t.counts().total()).isEqualTo(1);
  }

  @Test
  void aSlowQueryWrittenAfterLaterOnesIsCountedOnceWhereAnOldestTimeCursorSkipsOthers()
      throws Exception {
    WriteOrderLog log = new WriteOrderLog(2);
    QueryLogTailer t = tailer(3);
    t.poll(log); // empty log: everything from now on is new
    log.start(T0, 3000); // slow: finishes at +3 s
    for (int i = 1; i <= 6; i++) {
      log.start(T0.plusMillis(100 * i), 1);
    }
    log.advanceTo(T0.plusSeconds(1)); // the six fast ones
    log.advanceTo(T0.plusSeconds(4)); // then the slow one
    t.poll(log);
    assertThat(t.counts().total()).isEqualTo(7);
    // the naive cursor misses entries: page 1 = slow + the two newest, then older_than=T0
    assertThat(log.page(T0, 3).entries()).isEmpty();
  }

  @Test
  void clearingTheLogNeitherRecountsNorLosesNewEntries() throws Exception {
    WriteOrderLog log = new WriteOrderLog(3);
    QueryLogTailer t = tailer(50);
    t.poll(log);
    Instant now = T0;
    for (int i = 0; i < 40; i++) {
      log.start(now = now.plusMillis(50), 1);
    }
    log.advanceTo(now.plusSeconds(1));
    t.poll(log);
    log.clear();
    t.poll(log);
    for (int i = 0; i < 15; i++) {
      log.start(now = now.plusMillis(50), 1);
    }
    log.advanceTo(now.plusSeconds(1));
    t.poll(log);
    t.poll(log);
    assertThat(t.counts().total()).isEqualTo(55).isEqualTo(log.writtenTotal());
  }

  @Test
  void rotationDropsOnlyWhatWasAlreadyCounted() throws Exception {
    WriteOrderLog log = new WriteOrderLog(4);
    QueryLogTailer t = tailer(25);
    t.poll(log);
    Instant now = T0;
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 60; i++) {
        log.start(now = now.plusMillis(20), 1 + log.random().nextInt(5));
      }
      log.advanceTo(now.plusSeconds(1));
      t.poll(log);
      log.rotate();
      t.poll(log);
    }
    assertThat(t.counts().total()).isEqualTo(300);
  }

  @Test
  void aPollThatFailsHalfWayChangesNothing() throws Exception {
    WriteOrderLog log = new WriteOrderLog(5);
    QueryLogTailer t = tailer(10);
    t.poll(log);
    Instant now = T0;
    for (int i = 0; i < 45; i++) {
      log.start(now = now.plusMillis(10), 1);
    }
    log.advanceTo(now.plusSeconds(1));
    log.failAtRequest = log.requests + 3;
    assertThatThrownBy(() -> t.poll(log)).hasMessageContaining("connection reset");
    assertThat(t.counts().total()).isZero();
    t.poll(log);
    assertThat(t.counts().total()).isEqualTo(45);
  }

  @Test
  void memoryStaysWithinTheOverlapWhateverTheRate() throws Exception {
    WriteOrderLog log = new WriteOrderLog(6);
    QueryLogTailer t = new QueryLogTailer(500, Duration.ofSeconds(5), 100_000, 3_000);
    t.poll(log);
    Instant now = T0;
    for (int second = 0; second < 60; second++) {
      for (int i = 0; i < 1000; i++) {
        log.start(now = now.plusMillis(1), 0.5);
      }
      log.advanceTo(now.plusMillis(1));
      t.poll(log);
      assertThat(t.remembered()).isLessThanOrEqualTo(3_000);
    }
    assertThat(t.counts().total()).isEqualTo(60_000);
  }

  @Test
  void aBurstBeyondThePollBudgetIsReportedAsTruncated() throws Exception {
    WriteOrderLog log = new WriteOrderLog(7);
    QueryLogTailer t = new QueryLogTailer(100, Duration.ofSeconds(30), 1_000, 10_000);
    t.poll(log);
    Instant now = T0;
    for (int i = 0; i < 5_000; i++) {
      log.start(now = now.plusMillis(1), 1);
    }
    log.advanceTo(now.plusSeconds(1));
    t.poll(log);
    assertThat(t.truncatedPolls()).isEqualTo(1);
    assertThat(t.counts().total()).isLessThan(5_000);
  }

  /** Random traffic with slow queries, random page sizes and poll times: counted == written. */
  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
  void everyLoggedQueryIsCountedExactlyOnce(long seed) throws Exception {
    WriteOrderLog log = new WriteOrderLog(seed);
    java.util.Random r = log.random();
    QueryLogTailer t = tailer(20 + r.nextInt(200));
    Instant now = T0;
    // history, then the first poll
    for (int i = 0; i < 300; i++) {
      log.start(now = now.plusMillis(r.nextInt(5)), r.nextDouble() * 30);
    }
    log.advanceTo(now);
    t.poll(log);
    long historyWritten = log.writtenTotal();
    for (int step = 0; step < 200; step++) {
      int n = r.nextInt(100);
      for (int i = 0; i < n; i++) {
        double elapsed = r.nextDouble() < 0.05 ? 1000 + r.nextDouble() * 8000 : r.nextDouble() * 40;
        log.start(now = now.plusNanos(r.nextInt(2_000_000)), elapsed);
      }
      now = now.plusMillis(r.nextInt(300));
      log.advanceTo(now);
      if (r.nextInt(4) == 0) {
        t.poll(log);
        if (r.nextInt(15) == 0) {
          log.rotate(); // rotation drops old entries, which were counted already
        }
      }
    }
    log.advanceTo(now.plusSeconds(20));
    t.poll(log);
    assertThat(t.counts().total()).isEqualTo(log.writtenTotal() - historyWritten);
    assertThat(t.truncatedPolls()).isZero();
  }
}
