package io.github.homelabha.sync.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.api.ScrapeException;
import io.github.homelabha.core.testkit.MutableClock;
import io.github.homelabha.core.testkit.RecordingWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanaryCollectorTest {
  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T18:00:00Z"));

  @Test
  void replicaReportsLagFromTheReplicatedCanary() throws Exception {
    new CanaryWriter(dir, ".sync-canary", "node-a", clock).writeNext();
    clock.advance(Duration.ofMillis(7500));
    RecordingWriter out = new RecordingWriter();
    CanaryCollector.collectReplica(
        "prom", dir.resolve(".sync-canary"), clock.instant(), CanaryWriteStatus.NONE, out);
    assertThat(out.valueOf(CanaryCollector.LAG, "prom", "replica")).isEqualTo(7.5);
    assertThat(out.valueOf(CanaryCollector.SEQUENCE, "prom", "replica")).isZero();
    assertThat(out.valueOf(CanaryCollector.WRITER, "prom", "replica", "node-a")).isEqualTo(1);
  }

  @Test
  void replicaWithoutCanaryFailsInsteadOfReportingZeroLag() {
    assertThatThrownBy(
            () ->
                CanaryCollector.collectReplica(
                    "prom",
                    dir.resolve(".sync-canary"),
                    clock.instant(),
                    CanaryWriteStatus.NONE,
                    new RecordingWriter()))
        .isInstanceOf(ScrapeException.class)
        .satisfies(e -> assertThat(((ScrapeException) e).reason()).isEqualTo("canary_missing"))
        .hasMessageContaining(dir.resolve(".sync-canary").toString());
  }

  @Test
  void replicaWithGarbledCanaryFailsWithParseReason() throws Exception {
    Files.writeString(dir.resolve(".sync-canary"), "homelab-ha-sync-canary 1\nwritten_at");
    assertThatThrownBy(
            () ->
                CanaryCollector.collectReplica(
                    "prom",
                    dir.resolve(".sync-canary"),
                    clock.instant(),
                    CanaryWriteStatus.NONE,
                    new RecordingWriter()))
        .isInstanceOf(ScrapeException.class)
        .satisfies(e -> assertThat(((ScrapeException) e).reason()).isEqualTo("canary_invalid"));
  }

  @Test
  void sourceReportsWhatItWroteAndFailsWhenTheWriterStops() throws Exception {
    CanaryWriter writer = new CanaryWriter(dir, ".sync-canary", "node-a", clock);
    CanaryWriteTask task = new CanaryWriteTask(Map.of("prom", writer), pair -> true, 1000, clock);
    task.tick();
    task.tick();
    RecordingWriter out = new RecordingWriter();
    CanaryCollector.collectSource(
        "prom", Duration.ofSeconds(1), clock.instant(), task.status("prom"), out);
    assertThat(out.valueOf(CanaryCollector.SEQUENCE, "prom", "source")).isEqualTo(1);
    assertThat(out.valueOf(CanaryCollector.WRITES, "prom", "source")).isEqualTo(2);
    assertThat(out.value(CanaryCollector.LAG, "prom")).isEmpty();

    clock.advance(Duration.ofSeconds(10));
    assertThatThrownBy(
            () ->
                CanaryCollector.collectSource(
                    "prom",
                    Duration.ofSeconds(1),
                    clock.instant(),
                    task.status("prom"),
                    new RecordingWriter()))
        .isInstanceOf(ScrapeException.class)
        .hasMessageContaining("last written 10s ago");
  }

  @Test
  void sourceWithFailingWritesFails() throws Exception {
    CanaryWriter writer = new CanaryWriter(dir.resolve("missing"), ".sync-canary", "a", clock);
    CanaryWriteTask task = new CanaryWriteTask(Map.of("prom", writer), pair -> true, 1000, clock);
    task.tick();
    assertThat(task.status("prom").failures()).isEqualTo(1);
    assertThatThrownBy(
            () ->
                CanaryCollector.collectSource(
                    "prom",
                    Duration.ofSeconds(1),
                    clock.instant(),
                    task.status("prom"),
                    new RecordingWriter()))
        .isInstanceOf(ScrapeException.class)
        .satisfies(e -> assertThat(((ScrapeException) e).reason()).isEqualTo("canary_write"))
        .hasMessageContaining(dir.resolve("missing") + ": no such file or directory")
        .hasMessageNotContaining("java.nio");
  }

  @Test
  void writerTaskOnlyWritesPairsThatAreSourceNow() throws Exception {
    CanaryWriter writer = new CanaryWriter(dir, ".sync-canary", "a", clock);
    boolean[] source = {false};
    CanaryWriteTask task =
        new CanaryWriteTask(Map.of("prom", writer), pair -> source[0], 1000, clock);
    task.tick();
    assertThat(Files.exists(dir.resolve(".sync-canary"))).isFalse();
    source[0] = true;
    task.tick();
    assertThat(Files.exists(dir.resolve(".sync-canary"))).isTrue();
  }
}
