package io.github.homelabha.sync.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.sync.canary.CanaryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeScannerTest {
  @TempDir Path source;
  @TempDir Path replica;
  final CanaryConfig canary = new CanaryConfig();

  private TreeScanner scanner(int sample) {
    return new TreeScanner(sample, 1_000_000, canary::isCanaryFile, Clock.systemUTC());
  }

  private static void file(Path root, String rel, String content, long mtimeSeconds)
      throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(mtimeSeconds)));
  }

  @Test
  void countsFilesBytesDirectoriesAndNewestMtimeWithoutTheCanary() throws Exception {
    file(source, "a.txt", "12345", 1000);
    file(source, "sub/deep/b.bin", "1234567890", 2000);
    file(source, ".sync-canary", "canary content", 9999);
    file(source, ".sync-canary.abc.tmp", "half", 9999);
    TreeSummary s = scanner(8).scan(source);
    assertThat(s.files()).isEqualTo(2);
    assertThat(s.bytes()).isEqualTo(15);
    assertThat(s.directories()).isEqualTo(2);
    assertThat(s.newestMtime()).contains(Instant.ofEpochSecond(2000));
    assertThat(s.sampleCount()).isEqualTo(2);
    assertThat(s.truncated()).isFalse();
  }

  @Test
  void identicalTreesHaveEqualDigestsAndADifferenceShows() throws Exception {
    for (Path root : new Path[] {source, replica}) {
      for (int i = 0; i < 50; i++) {
        file(root, "d" + (i % 5) + "/f" + i, "x".repeat(i), 1000 + i);
      }
    }
    // Different canaries on both sides must not matter.
    file(source, ".sync-canary", "one", 5000);
    file(replica, ".sync-canary", "two", 4000);
    TreeSummary a = scanner(10).scan(source);
    TreeSummary b = scanner(10).scan(replica);
    assertThat(a.sampleDigest()).isEqualTo(b.sampleDigest());
    assertThat(a.files()).isEqualTo(b.files()).isEqualTo(50);

    file(source, "d1/f49", "changed", 1049);
    assertThat(scanner(10).scan(source).sampleDigest()).isNotEqualTo(b.sampleDigest());
  }

  @Test
  void sampleIsTheNewestFilesWhateverTheWalkOrder() throws Exception {
    for (int i = 0; i < 30; i++) {
      file(source, "f" + i, "x", 1000 + i);
    }
    long withAll = scanner(5).scan(source).sampleDigest();
    // An old file changing outside the sample leaves the digest alone: only recent changes count.
    file(source, "f0", "yy", 1000);
    assertThat(scanner(5).scan(source).sampleDigest()).isEqualTo(withAll);
    assertThat(withAll).isBetween(0L, (1L << 48) - 1);
  }

  @Test
  void stopsAtTheEntryLimitAndSaysSo() throws Exception {
    for (int i = 0; i < 20; i++) {
      file(source, "f" + i, "x", 1000);
    }
    TreeSummary s = new TreeScanner(4, 10, canary::isCanaryFile, Clock.systemUTC()).scan(source);
    assertThat(s.truncated()).isTrue();
    assertThat(s.files()).isEqualTo(10);
  }

  @Test
  void missingRootIsAnError() {
    assertThatThrownBy(() -> scanner(4).scan(source.resolve("gone")))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
  }

  @Test
  void fileInsteadOfRootIsNotADirectory() throws Exception {
    Path file = Files.writeString(source.resolve("plain"), "x");
    assertThatThrownBy(() -> scanner(4).scan(file))
        .isInstanceOf(java.nio.file.NotDirectoryException.class);
  }

  @Test
  void taskPacesScansByTheBusyFraction() {
    TreeConfig config = new TreeConfig();
    config.scanInterval = Duration.ofSeconds(5);
    config.maxBusyFraction = 0.2;
    TreeScanTask task =
        new TreeScanTask(
            java.util.Map.of("p", source), config, canary::isCanaryFile, Clock.systemUTC());
    assertThat(task.pause(Duration.ofMillis(100))).isEqualTo(Duration.ofSeconds(5));
    assertThat(task.pause(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void taskRecordsSuccessesAndFailures() throws Exception {
    file(source, "a", "1", 1000);
    TreeScanTask task =
        new TreeScanTask(
            java.util.Map.of("p", source),
            new TreeConfig(),
            canary::isCanaryFile,
            Clock.systemUTC());
    TreeScanResult ok = task.scanOnce("p", source);
    assertThat(ok.summary()).isPresent();
    TreeScanResult failed = task.scanOnce("p", source.resolve("gone"));
    assertThat(failed.error()).hasValueSatisfying(m -> assertThat(m).contains("gone"));
    assertThat(failed.scans()).isEqualTo(2);
    assertThat(failed.failures()).isEqualTo(1);
  }
}
