package io.github.homelabha.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.cli.ExporterMain;
import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.RunningExporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncExporterTest {
  @TempDir Path dir;

  @Test
  void startsWithNothingConfiguredAndSaysSo() throws Exception {
    try (RunningExporter e = RunningExporter.start(new SyncExporter())) {
      ParsedMetrics s = e.scrape();
      assertThat(s.valueOf("sync_up")).isEqualTo(1);
      assertThat(s.valueOf("sync_pairs_configured")).isZero();
      assertThat(e.get("/").body()).contains("nothing configured");
    }
  }

  @Test
  void defaultPortIs9166() {
    assertThat(new SyncExporter().defaultPort()).isEqualTo(9166);
  }

  @Test
  void theReadmeConfigurationExampleIsValid() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int section = readme.indexOf("## Configuration file");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    String yaml = readme.substring(start, readme.indexOf("```", start));
    Path file = dir.resolve("sync.yml");
    Files.writeString(file, yaml);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Object runtime =
        ExporterMain.launch(
            new SyncExporter(),
            new String[] {"--config.file=" + file, "--config.check"},
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(runtime).isNull();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("configuration OK");
  }

  @Test
  void theReadmeListsEveryMetric() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (MetricFamily family : new SyncExporter().metricFamilies()) {
      assertThat(readme).as(family.name()).contains("`" + family.name() + "`");
    }
  }

  @Test
  void rejectsBadPairsAndAutoWithoutVip() {
    assertThatThrownBy(() -> RunningExporter.start(new SyncExporter(), "--sync.pair=data:/srv/x"))
        .hasMessageContaining("NAME:ROLE:PATH");
    assertThatThrownBy(
            () -> RunningExporter.start(new SyncExporter(), "--sync.pair=data:primary:/srv/x"))
        .hasMessageContaining("source, replica or auto");
    assertThatThrownBy(
            () -> RunningExporter.start(new SyncExporter(), "--sync.pair=data:auto:/srv/x"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("role.vip");
    assertThatThrownBy(
            () ->
                RunningExporter.start(
                    new SyncExporter(), "--sync.pair=a:source:/x", "--sync.pair=a:replica:/y"))
        .hasMessageContaining("duplicate pair name");
  }

  @Test
  void problemsInNestedSectionsNameTheKeyPathOnce() {
    assertThatThrownBy(
            () ->
                RunningExporter.start(
                    new SyncExporter(),
                    "--canary.interval=0s",
                    "--tree.scan-interval=0s",
                    "--role.netns=a b",
                    "--lsyncd.status-file=relative",
                    "--rclone.url=ftp://x"))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.substring(0, p.indexOf(':')))
                    .containsExactlyInAnyOrder(
                        "--canary.interval",
                        "--tree.scan-interval",
                        "--role.netns",
                        "--lsyncd.status-file",
                        "--rclone.url"));
  }

  @Test
  void rcPasswordNeverShows() throws Exception {
    Path config = dir.resolve("sync.yml");
    Files.writeString(
        config,
        "rclone:\n"
            + "  url: http://127.0.0.1:9/\n"
            + "  basic_auth:\n"
            + "    username: admin\n"
            + "    password: s3cret-rc-pass\n");
    try (RunningExporter e = RunningExporter.start(new SyncExporter(), "--config.file=" + config)) {
      String metrics = e.scrapeText();
      assertThat(e.scrape().valueOf("sync_rclone_rc_reachable")).isZero();
      assertThat(metrics).doesNotContain("s3cret");
      assertThat(e.get("/").body()).doesNotContain("s3cret");
      assertThat(e.logs()).doesNotContain("s3cret");
    }
  }

  @Test
  void sourcePairIsUpFromTheFirstScrape() throws Exception {
    Path source = Files.createDirectories(dir.resolve("source"));
    try (RunningExporter e =
        RunningExporter.start(new SyncExporter(), "--sync.pair=data:source:" + source)) {
      ParsedMetrics s = e.scrape();
      assertThat(s.valueOf("sync_up")).isEqualTo(1);
      assertThat(s.valueOf("sync_canary_sequence", "pair", "data", "role", "source"))
          .isNotNegative();
      assertThat(Files.exists(source.resolve(".sync-canary"))).isTrue();
      String pairs = e.get("/pairs").body();
      assertThat(pairs).contains("\"pair\":\"data\"").contains("\"role\":\"source\"");
      assertThat(e.get("/").body()).contains("role now").contains(source.toString());
    }
  }

  @Test
  void aChangeShowsInTheTreeSummaryWithinTenSecondsByDefault() throws Exception {
    Path source = Files.createDirectories(dir.resolve("source"));
    for (int i = 0; i < 2000; i++) {
      Files.writeString(source.resolve("f" + i), "x");
    }
    try (RunningExporter e =
        RunningExporter.start(new SyncExporter(), "--sync.pair=data:source:" + source)) {
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .until(() -> e.scrape().value("sync_tree_files").orElse(-1) == 2000);
      Files.writeString(source.resolve("new-file"), "hello");
      long changedAt = System.nanoTime();
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .pollInterval(java.time.Duration.ofMillis(200))
          .until(() -> e.scrape().value("sync_tree_files").orElse(-1) == 2001);
      assertThat((System.nanoTime() - changedAt) / 1e9).isLessThan(10);
    }
  }

  @Test
  void replicaPairFailsCleanlyBeforeTheFirstCanaryArrives() throws Exception {
    Path replica = Files.createDirectories(dir.resolve("replica"));
    try (RunningExporter e =
        RunningExporter.start(new SyncExporter(), "--sync.pair=data:replica:" + replica)) {
      ParsedMetrics s = e.scrape();
      assertThat(s.valueOf("sync_up")).isZero();
      assertThat(s.samples("sync_lag_seconds")).isEmpty();
      assertThat(e.logs()).contains("no canary at " + replica.resolve(".sync-canary"));
    }
  }
}
