package io.github.homelabha.sync.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanaryWriterTest {
  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T18:00:00Z"));

  @Test
  void writesIncreasingSequencesAndLeavesNoTemporaryFiles() throws Exception {
    CanaryWriter writer = new CanaryWriter(dir, ".sync-canary", "node a", clock);
    Canary first = writer.writeNext();
    clock.advance(Duration.ofSeconds(5));
    Canary second = writer.writeNext();
    assertThat(first.sequence()).isZero();
    assertThat(second.sequence()).isEqualTo(1);
    assertThat(second.writer()).isEqualTo("node_a");
    assertThat(CanaryReader.read(dir.resolve(".sync-canary"))).isEqualTo(second);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(".sync-canary");
    }
  }

  @Test
  void continuesTheSequenceFoundInTheDirectoryAfterAFailover() throws Exception {
    new CanaryWriter(dir, ".sync-canary", "node-a", clock).writeNext();
    CanaryWriter a = new CanaryWriter(dir, ".sync-canary", "node-a", clock);
    a.writeNext();
    // node-b takes over the directory (it held the replicated copy with sequence 1)
    Canary b = new CanaryWriter(dir, ".sync-canary", "node-b", clock).writeNext();
    assertThat(b.sequence()).isEqualTo(2);
    assertThat(b.writer()).isEqualTo("node-b");
  }

  @Test
  void restartsAtZeroOverAGarbledCanary() throws Exception {
    Files.writeString(dir.resolve(".sync-canary"), "garbage", StandardCharsets.UTF_8);
    assertThat(new CanaryWriter(dir, ".sync-canary", "a", clock).writeNext().sequence()).isZero();
  }

  @Test
  void failsWhenTheDirectoryIsMissing() {
    CanaryWriter writer = new CanaryWriter(dir.resolve("gone"), ".sync-canary", "a", clock);
    assertThatThrownBy(writer::writeNext).isInstanceOf(java.io.IOException.class);
  }

  @Test
  void recognisesItsOwnFiles() {
    CanaryConfig config = new CanaryConfig();
    assertThat(config.isCanaryFile(".sync-canary")).isTrue();
    assertThat(config.isCanaryFile(".sync-canary.1a2b.tmp")).isTrue();
    assertThat(config.isCanaryFile(".sync-canary-notes")).isFalse();
    assertThat(config.isCanaryFile("data.tmp")).isFalse();
  }
}
