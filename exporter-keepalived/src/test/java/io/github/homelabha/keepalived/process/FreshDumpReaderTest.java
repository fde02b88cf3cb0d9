package io.github.homelabha.keepalived.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.homelabha.core.api.ScrapeException;
import io.github.homelabha.keepalived.Fixtures;
import io.github.homelabha.keepalived.dump.VrrpState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the reader against a stand-in for keepalived: a {@code kill} script that writes the dump
 * for the signal it got after a delay, in the background, as keepalived does; and a keepalived
 * script that answers {@code --signum}.
 */
class FreshDumpReaderTest {
  @TempDir Path tmp;
  private Path dumps;
  private Path samples;

  /** keepalived stand-in: this JVM (its start time is real, its files are ours). */
  private KeepalivedProcess process;

  @BeforeEach
  void setUp() throws Exception {
    process = thisProcess(tmp);
    dumps = Files.createDirectories(tmp.resolve("dumps"));
    samples = Files.createDirectories(tmp.resolve("samples"));
    for (String f : new String[] {"master", "backup"}) {
      Files.writeString(samples.resolve(f + ".json"), Fixtures.dump("2.2.7/" + f + ".json"));
      Files.writeString(samples.resolve(f + ".data"), Fixtures.dump("2.2.7/" + f + ".data"));
      Files.writeString(samples.resolve(f + ".stats"), Fixtures.dump("2.2.7/" + f + ".stats"));
    }
  }

  static KeepalivedProcess thisProcess(Path anyOwnFile) throws Exception {
    long pid = ProcessHandle.current().pid();
    int uid = (Integer) Files.getAttribute(anyOwnFile, "unix:uid");
    return new KeepalivedProcess(
        pid, ProcessVerifier.startTicks(Path.of("/proc", Long.toString(pid))), uid);
  }

  private Path script(String name, String body) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }

  private SignalNumbers signums(boolean json) throws Exception {
    return new SignalNumbers(
        script(
                "keepalived",
                "case \"$1\" in\n"
                    + (json ? "  --signum=JSON) echo 36;;\n" : "  --signum=JSON) exit 1;;\n")
                    + "  --signum=DATA) echo 10;;\n  --signum=STATS) echo 12;;\n  *) exit 1;;\nesac\n")
            .toString());
  }

  /** A kill stand-in writing {@code sample}'s dump {@code delay} seconds after the signal. */
  private Signaller writer(String sample, String delay, String extra) throws Exception {
    return new CommandSignaller(
        script(
                "kill",
                "case \"$2\" in\n  36) f=keepalived.json; s=json;;\n  10) f=keepalived.data;"
                    + " s=data;;\n  12) f=keepalived.stats; s=stats;;\nesac\n"
                    + "( sleep "
                    + delay
                    + "; "
                    + extra
                    + " cat "
                    + samples
                    + "/"
                    + sample
                    + ".$s > "
                    + dumps
                    + "/$f ) &\n")
            .toString(),
        new ProcessVerifier());
  }

  private FreshDumpReader reader(SignalNumbers s, Signaller k) {
    return new FreshDumpReader(
        new DumpLocations(dumps), s, k, FreshDumpReader.DumpFormatChoice.AUTO, true);
  }

  private void oldDumpsSay(String sample) throws Exception {
    for (String ext : new String[] {"json", "data", "stats"}) {
      Files.copy(samples.resolve(sample + "." + ext), dumps.resolve("keepalived." + ext));
    }
    // older than the coarse file clock
    long written = FileStamp.of(dumps.resolve("keepalived.json")).mtimeMillis();
    await().until(() -> System.currentTimeMillis() - written > 30);
  }

  @Test
  void neverServesThePreviousDumpAsFresh() throws Exception {
    oldDumpsSay("backup");
    FreshDump d =
        reader(signums(true), writer("master", "0.05", "")).read(process, Duration.ofSeconds(20));

    assertThat(d.dump().instances()).extracting(i -> i.state()).containsOnly(VrrpState.MASTER);
    assertThat(d.dump().scripts()).isNotEmpty(); // the data dump of the same round was read
    assertThat(d.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(40));
  }

  @Test
  void waitsForAHalfWrittenDumpToComplete() throws Exception {
    oldDumpsSay("backup");
    String half = "head -c 900 " + samples + "/master.$s > " + dumps + "/$f; sleep 0.1;";
    FreshDump d =
        reader(signums(true), writer("master", "0.01", half)).read(process, Duration.ofSeconds(20));

    assertThat(d.dump().instances()).hasSize(3);
    assertThat(d.dump().instances()).extracting(i -> i.state()).containsOnly(VrrpState.MASTER);
  }

  @Test
  void seesARewriteWithTheSameInodeSizeAndTimeThroughInotify() throws Exception {
    // a kernel with tick-resolution file times can give a new dump the old one's exact stamp.
    // The stand-in rewrites both files and restores their stamps before the signal returns, so
    // every poll sees the old stamps and only the inotify events tell the reader of the rewrite.
    oldDumpsSay("master");
    Path ref = tmp.resolve("ref");
    Files.writeString(ref, "");
    new ProcessBuilder("touch", "-r", dumps.resolve("keepalived.json").toString(), ref.toString())
        .start()
        .waitFor();
    Path dataRef = tmp.resolve("data-ref");
    Files.writeString(dataRef, "");
    new ProcessBuilder(
            "touch", "-r", dumps.resolve("keepalived.data").toString(), dataRef.toString())
        .start()
        .waitFor();
    Signaller sameStamp =
        new CommandSignaller(
            script(
                    "kill",
                    "case \"$2\" in 36) f=keepalived.json; s=json; r="
                        + ref
                        + ";; 10) f=keepalived.data; s=data; r="
                        + dataRef
                        + ";; esac\ncat "
                        + samples
                        + "/master.$s > "
                        + dumps
                        + "/$f; touch -r $r "
                        + dumps
                        + "/$f\n")
                .toString(),
            new ProcessVerifier());
    FileStamp old = FileStamp.of(dumps.resolve("keepalived.json"));

    FreshDump d = reader(signums(true), sameStamp).read(process, Duration.ofSeconds(20));

    assertThat(FileStamp.of(dumps.resolve("keepalived.json"))).isEqualTo(old);
    assertThat(d.dump().instances()).hasSize(3);
  }

  @Test
  void readsTextDumpsWhenTheBuildHasNoJson() throws Exception {
    oldDumpsSay("backup");
    FreshDumpReader r = reader(signums(false), writer("master", "0.02", ""));

    assertThat(r.format()).isEqualTo(DumpFormat.TEXT);
    FreshDump d = r.read(process, Duration.ofSeconds(20));
    assertThat(d.dump().instances()).extracting(i -> i.state()).containsOnly(VrrpState.MASTER);
    assertThat(d.dump().instances().get(0).stats()).isPresent();
  }

  @Test
  void noNewDumpIsStaleAndSaysWhereItLooked() throws Exception {
    oldDumpsSay("master");
    FreshDumpReader r =
        reader(
            signums(true),
            new CommandSignaller(script("kill", "exit 0\n").toString(), new ProcessVerifier()));

    long t0 = System.nanoTime();
    assertThatThrownBy(() -> r.read(process, Duration.ofMillis(300)))
        .isInstanceOfSatisfying(
            ScrapeException.class, e -> assertThat(e.reason()).isEqualTo("stale"))
        .hasMessageContaining(dumps.toString())
        .hasMessageContaining("--keepalived.dump-dir");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void missingDumpDirectoryIsExplained() throws Exception {
    FreshDumpReader r =
        new FreshDumpReader(
            new DumpLocations(tmp.resolve("absent")),
            signums(true),
            writer("master", "0", ""),
            FreshDumpReader.DumpFormatChoice.AUTO,
            true);

    assertThatThrownBy(() -> r.read(process, Duration.ofMillis(300)))
        .isInstanceOfSatisfying(
            ScrapeException.class, e -> assertThat(e.reason()).isEqualTo("no_dump"))
        .hasMessageContaining("absent");
  }

  @Test
  void forcedJsonOnABuildWithoutItIsAClearError() throws Exception {
    FreshDumpReader r =
        new FreshDumpReader(
            new DumpLocations(dumps),
            signums(false),
            writer("master", "0", ""),
            FreshDumpReader.DumpFormatChoice.JSON,
            true);

    assertThatThrownBy(() -> r.read(process, Duration.ofMillis(300)))
        .hasMessageContaining("no JSON support");
  }

  @Test
  void neverOpensAFifoInPlaceOfADump() throws Exception {
    oldDumpsSay("master");
    Files.delete(dumps.resolve("keepalived.json"));
    assertThat(
            new ProcessBuilder("mkfifo", dumps.resolve("keepalived.json").toString())
                .start()
                .waitFor())
        .isZero();
    FreshDumpReader r = reader(signums(true), writer("master", "0.01", ""));

    assertThatThrownBy(() -> r.read(process, Duration.ofSeconds(2)))
        .isInstanceOfSatisfying(
            ScrapeException.class, e -> assertThat(e.reason()).isEqualTo("untrusted"))
        .hasMessageContaining("not a regular file");
  }

  @Test
  void aRoundThatCannotStartWithinItsBudgetGivesUpInsteadOfQueueing() throws Exception {
    oldDumpsSay("master");
    CountDownLatch release = new CountDownLatch(1);
    Signaller stuck =
        (p, signals) -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    FreshDumpReader r = reader(signums(true), stuck);
    Thread first =
        new Thread(
            () -> {
              try {
                r.read(process, Duration.ofSeconds(2));
              } catch (ScrapeException e) {
                // released without a dump: stale, as expected
              }
            });
    first.start();
    await().until(() -> first.getState() == Thread.State.WAITING);

    assertThatThrownBy(() -> r.read(process, Duration.ofMillis(200)))
        .isInstanceOfSatisfying(
            ScrapeException.class, e -> assertThat(e.reason()).isEqualTo("timeout"))
        .hasMessageContaining("still running");
    release.countDown();
    first.join();
  }

  @Test
  void refusesALinkInPlaceOfADump() throws Exception {
    oldDumpsSay("backup");
    Path planted =
        Files.writeString(tmp.resolve("planted.json"), Fixtures.dump("2.2.7/master.json"));
    Files.delete(dumps.resolve("keepalived.json"));
    Files.createSymbolicLink(dumps.resolve("keepalived.json"), planted);

    assertThatThrownBy(
            () ->
                reader(signums(true), writer("master", "0.01", ""))
                    .read(process, Duration.ofSeconds(2)))
        .isInstanceOfSatisfying(
            ScrapeException.class, e -> assertThat(e.reason()).isEqualTo("untrusted"));
  }

  @Test
  void refusesADumpOwnedBySomeoneElse() throws Exception {
    oldDumpsSay("backup");
    // root's files are always trusted: as root, give the planted file to nobody
    org.junit.jupiter.api.Assumptions.assumeTrue(
        process.uid() != 0 || chown(dumps.resolve("keepalived.json"), 65534),
        "cannot give a file to another user");
    KeepalivedProcess other =
        new KeepalivedProcess(
            process.pid(), process.startTicks(), process.uid() == 0 ? 0 : process.uid() + 4242);

    assertThatThrownBy(
            () ->
                reader(signums(true), writer("master", "0.01", ""))
                    .read(other, Duration.ofSeconds(2)))
        .isInstanceOfSatisfying(
            ScrapeException.class, e -> assertThat(e.reason()).isEqualTo("untrusted"))
        .hasMessageContaining("owned by uid");
  }

  private static boolean chown(Path file, int uid) {
    try {
      Files.setAttribute(file, "unix:uid", uid);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void findsTheDumpDirectoryThroughTheProcessRoot() throws Exception {
    Path proc = tmp.resolve("proc");
    Path rootfs = Files.createDirectories(tmp.resolve("rootfs/tmp"));
    Files.createDirectories(proc.resolve("4321"));
    Files.createSymbolicLink(proc.resolve("4321/root"), tmp.resolve("rootfs"));
    DumpLocations l = new DumpLocations(Path.of("/tmp"), proc);

    assertThat(l.directoryOf(new KeepalivedProcess(4321, 1, 0)))
        .isEqualTo(proc.resolve("4321/root/tmp"));
    assertThat(l.directoryOf(new KeepalivedProcess(999, 1, 0))).isEqualTo(Path.of("/tmp"));
    assertThat(rootfs).isDirectory();
  }
}
