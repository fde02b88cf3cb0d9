package io.github.homelabha.sync.lsyncd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A valid status file listing a huge backlog is read in a JVM with a small heap: parsing keeps
 * counts, not the file.
 */
class LsyncdBacklogTest {
  private static final int DELAYS = 450_000;

  @TempDir Path dir;

  @Test
  void aSixteenMegabyteBacklogFitsASixteenMegabyteHeap() throws Exception {
    Path status = dir.resolve("lsyncd.status");
    try (BufferedWriter w = Files.newBufferedWriter(status, StandardCharsets.UTF_8)) {
      w.write("Lsyncd status report at Sun Dec  6 04:00:00 2026\n\n");
      w.write("Sync1 source=/srv/data/big/\nThere are " + DELAYS + " delays\n");
      for (int i = 0; i < DELAYS; i++) {
        w.write("wait Modify photos/2026/img" + i + ".jpg\n");
      }
      w.write("Filtering:\n  nothing.\n\n\nInotify watching 1 directories\n  1: /srv/data/big/\n");
    }
    assertThat(Files.size(status)).isGreaterThan(15L << 20);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx16m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                LsyncdStatusProbe.class.getName(),
                status.toString())
            .redirectErrorStream(true)
            .start();
    try {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(output).contains("delays=" + DELAYS).doesNotContain("OutOfMemoryError");
      assertThat(p.exitValue()).isZero();
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void aFifoInPlaceOfTheStatusFileIsAnErrorNotAHang() throws Exception {
    Path fifo = dir.resolve("lsyncd.status");
    Process mkfifo = new ProcessBuilder(List.of("mkfifo", fifo.toString())).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mkfifo.exitValue()).isZero();
    Path proc = Files.createDirectories(dir.resolve("proc/100"));
    Files.writeString(proc.resolve("comm"), "lsyncd\n");
    Files.writeString(proc.resolve("cmdline"), "lsyncd\0");
    LsyncdConfig config = new LsyncdConfig();
    config.statusFile = fifo.toString();
    config.logFile = "";
    LsyncdTarget target =
        new LsyncdTarget(
            config,
            java.util.Map.of(),
            new io.github.homelabha.sync.proc.ProcessTable(proc.getParent()));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                target.scrape(
                    new io.github.homelabha.core.testkit.FixedScrapeContext(),
                    new io.github.homelabha.core.testkit.RecordingWriter()))
        .isInstanceOf(io.github.homelabha.core.api.ScrapeException.class)
        .hasMessageContaining("not a regular file");
  }
}
