package io.github.homelabha.keepalived.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.api.ScrapeException;
import io.github.homelabha.keepalived.Fixtures;
import io.github.homelabha.keepalived.dump.VrrpState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
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
  private final KeepalivedProcess process = new KeepalivedProcess(1, 1);

  @BeforeEach
  void setUp() throws Exception {
    dumps = Files.createDirectories(tmp.resolve("dumps"));
    samples = Files.createDirectories(tmp.resolve("samples"));
    for (String f : new String[] {"master", "backup"}) {
      Files.writeString(samples.resolve(f + ".json"), Fixtures.dump("2.2.7/" + f + ".json"));
      Files.writeString(samples.resolve(f + ".data"), Fixtures.dump("2.2.7/" + f + ".data"));
      Files.writeString(samples.resolve(f + ".stats"), Fixtures.dump("2.2.7/" + f + ".stats"));
    }
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
    return new Signaller(
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
            .toString());
  }

  private FreshDumpReader reader(SignalNumbers s, Signaller k) {
    return new FreshDumpReader(
        new DumpLocations(dumps, false), s, k, FreshDumpReader.DumpFormatChoice.AUTO, true);
  }

  private void oldDumpsSay(String sample) throws Exception {
    for (String ext : new String[] {"json", "data", "stats"}) {
      Files.copy(samples.resolve(sample + "." + ext), dumps.resolve("keepalived." + ext));
    }
    Thread.sleep(30); // older than the coarse file clock
  }

  @Test
  void neverServesThePreviousDumpAsFresh() throws Exception {
    oldDumpsSay("backup");
    FreshDump d =
        reader(signums(true), writer("master", "0.05", "")).read(process, Duration.ofSeconds(3));

    assertThat(d.dump().instances()).extracting(i -> i.state()).containsOnly(VrrpState.MASTER);
    assertThat(d.dump().scripts()).isNotEmpty(); // the data dump of the same round was read
    assertThat(d.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(40));
  }

  @Test
  void waitsForAHalfWrittenDumpToComplete() throws Exception {
    oldDumpsSay("backup");
    String half = "head -c 900 " + samples + "/master.$s > " + dumps + "/$f; sleep 0.1;";
    FreshDump d =
        reader(signums(true), writer("master", "0.01", half)).read(process, Duration.ofSeconds(3));

    assertThat(d.dump().instances()).hasSize(3);
    assertThat(d.dump().instances()).extracting(i -> i.state()).containsOnly(VrrpState.MASTER);
  }

  @Test
  void seesARewriteWithTheSameInodeSizeAndTimeThroughInotify() throws Exception {
    // a kernel with tick-resolution file times can give a new dump the old one's exact stamp
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
        new Signaller(
            script(
                    "kill",
                    "case \"$2\" in 36) f=keepalived.json; s=json; r="
                        + ref
                        + ";; 10) f=keepalived.data; s=data; r="
                        + dataRef
                        + ";; esac\n( sleep 0.02; cat "
                        + samples
                        + "/master.$s > "
                        + dumps
                        + "/$f; touch -r $r "
                        + dumps
                        + "/$f ) &\n")
                .toString());
    FileStamp old = FileStamp.of(dumps.resolve("keepalived.json"));

    FreshDump d = reader(signums(true), sameStamp).read(process, Duration.ofSeconds(3));

    assertThat(FileStamp.of(dumps.resolve("keepalived.json"))).isEqualTo(old);
    assertThat(d.dump().instances()).hasSize(3);
  }

  @Test
  void readsTextDumpsWhenTheBuildHasNoJson() throws Exception {
    oldDumpsSay("backup");
    FreshDumpReader r = reader(signums(false), writer("master", "0.02", ""));

    assertThat(r.format()).isEqualTo(DumpFormat.TEXT);
    FreshDump d = r.read(process, Duration.ofSeconds(3));
    assertThat(d.dump().instances()).extracting(i -> i.state()).containsOnly(VrrpState.MASTER);
    assertThat(d.dump().instances().get(0).stats()).isPresent();
  }

  @Test
  void noNewDumpIsStaleAndSaysWhereItLooked() throws Exception {
    oldDumpsSay("master");
    FreshDumpReader r = reader(signums(true), new Signaller(script("kill", "exit 0\n").toString()));

    long t0 = System.nanoTime();
    assertThatThrownBy(() -> r.read(process, Duration.ofMillis(300)))
        .isInstanceOfSatisfying(
            ScrapeException.class, e -> assertThat(e.reason()).isEqualTo("stale"))
        .hasMessageContaining(dumps.toString())
        .hasMessageContaining("--keepalived.dump-dir");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void missingDumpDirectoryIsExplained() throws Exception {
    FreshDumpReader r =
        new FreshDumpReader(
            new DumpLocations(tmp.resolve("absent"), false),
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
            new DumpLocations(dumps, false),
            signums(false),
            writer("master", "0", ""),
            FreshDumpReader.DumpFormatChoice.JSON,
            true);

    assertThatThrownBy(() -> r.read(process, Duration.ofMillis(300)))
        .hasMessageContaining("no JSON support");
  }

  @Test
  void findsDumpsInSystemdPrivateTmp() throws Exception {
    Path priv =
        Files.createDirectories(
            dumps.resolve("systemd-private-abc-keepalived.service-xyz").resolve("tmp"));
    Signaller k =
        new Signaller(
            script(
                    "kill",
                    "case \"$2\" in 36) f=keepalived.json; s=json;; 10) f=keepalived.data; s=data;;"
                        + " esac\n( sleep 0.02; cat "
                        + samples
                        + "/master.$s > "
                        + priv
                        + "/$f ) &\n")
                .toString());
    FreshDumpReader r =
        new FreshDumpReader(
            new DumpLocations(dumps, true),
            signums(true),
            k,
            FreshDumpReader.DumpFormatChoice.AUTO,
            true);

    FreshDump d = r.read(process, Duration.ofSeconds(3));
    assertThat(d.directory()).isEqualTo(priv);
  }
}
