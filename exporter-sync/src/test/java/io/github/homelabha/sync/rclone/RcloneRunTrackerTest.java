package io.github.homelabha.sync.rclone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RcloneRunTrackerTest {
  final RcloneLogParser parser = new RcloneLogParser(ZoneOffset.UTC);
  final RcloneJobState state = new RcloneJobState();
  final RcloneRunTracker tracker = new RcloneRunTracker(state);

  private void feed(String text) throws Exception {
    for (String line : text.split("\n")) {
      parser.parse(line).ifPresent(tracker::accept);
    }
  }

  private static String stats(String time, double elapsed, int errors, int transfers) {
    return "{\"level\":\"info\",\"msg\":\"stats\",\"time\":\""
        + time
        + "\",\"stats\":{\"bytes\":10,\"checks\":0,\"deletes\":0,\"elapsedTime\":"
        + elapsed
        + ",\"errors\":"
        + errors
        + ",\"fatalError\":false,\"renames\":0,\"retryError\":false,\"transfers\":"
        + transfers
        + "}}";
  }

  @Test
  void successfulRunEndsWhenRcloneIsDone() throws Exception {
    feed(RcloneFixtures.read("sync-ok.jsonl"));
    assertThat(tracker.inRun()).isTrue();
    assertThat(state.lastSuccessMs).isZero();
    tracker.finishIdle();
    assertThat(state.lastSuccessMs)
        .isEqualTo(Instant.parse("2026-11-23T18:43:35.083932Z").toEpochMilli());
    assertThat(state.lastRunSuccess).isTrue();
    assertThat(state.lastRunTransfers).isEqualTo(2);
    assertThat(state.runsSucceeded).isEqualTo(1);
  }

  @Test
  void failureLineEndsTheRunAsFailedWithItsMessage() throws Exception {
    feed(RcloneFixtures.read("sync-ok.jsonl"));
    feed(RcloneFixtures.read("sync-failed.jsonl"));
    // the successful run ended when the next one began
    assertThat(state.runsSucceeded).isEqualTo(1);
    assertThat(state.runsFailed).isEqualTo(1);
    assertThat(state.lastRunSuccess).isFalse();
    assertThat(state.lastRunErrors).isEqualTo(38);
    assertThat(state.errorsTotal).isEqualTo(38);
    assertThat(state.lastError).startsWith("Failed to sync with 38 errors");
    assertThat(tracker.inRun()).isFalse();
  }

  @Test
  void periodicStatsOfOneRunStayOneRunAndANewRunIsSeenByItsStart() throws Exception {
    tracker.accept(parser.parse(stats("2026-11-23T19:00:01Z", 1.0, 0, 1)).orElseThrow());
    tracker.accept(parser.parse(stats("2026-11-23T19:00:02Z", 2.0, 0, 2)).orElseThrow());
    tracker.accept(parser.parse(stats("2026-11-23T19:00:03Z", 3.0, 0, 3)).orElseThrow());
    assertThat(state.runsSucceeded + state.runsFailed).isZero();
    // next run began at 19:05:00 (elapsed 1s at 19:05:01), after the last line of the first
    tracker.accept(parser.parse(stats("2026-11-23T19:05:01Z", 1.0, 2, 0)).orElseThrow());
    assertThat(state.runsSucceeded).isEqualTo(1);
    assertThat(state.lastRunTransfers).isEqualTo(3);
    tracker.finishIdle();
    assertThat(state.runsFailed).isEqualTo(1);
    assertThat(state.lastSuccessMs).isEqualTo(Instant.parse("2026-11-23T19:00:03Z").toEpochMilli());
  }

  @Test
  void failureWithoutStatsIsARunOfItsOwn() throws Exception {
    feed("2026/11/23 19:10:00 Failed to sync: directory not found\n");
    assertThat(state.runsFailed).isEqualTo(1);
    assertThat(state.lastError).isEqualTo("Failed to sync: directory not found");
  }
}
