package io.github.homelabha.keepalived.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.RunningExporter;
import io.github.homelabha.core.testkit.system.ManagedProcess;
import io.github.homelabha.core.testkit.system.NetworkLab;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import io.github.homelabha.core.testkit.system.RequiresRoot;
import io.github.homelabha.core.testkit.system.keepalived.KeepalivedNode;
import io.github.homelabha.keepalived.Fixtures;
import io.github.homelabha.keepalived.KeepalivedExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a local user without privileges ({@code nobody}) can do to the exporter, tried for real
 * against a real keepalived. The {@code /tmp} attacks run in a private mount namespace with its own
 * {@code /tmp} (a tmpfs), so the machine's {@code /tmp} is never touched.
 */
@RequiresRoot
@RequiresBinaries({"keepalived", "ip", "setpriv", "unshare", "nsenter", "mkfifo", "mount"})
class HostileLocalUserSystemTest {
  private static final int SCRAPES = 40;

  private Path base;
  private final List<ManagedProcess> started = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    // not under /tmp: the /tmp tests hide the machine's /tmp behind their own
    base = Files.createTempDirectory(Path.of("/var/tmp"), "kahu-");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterEach
  void tearDown() throws Exception {
    for (ManagedProcess p : started) {
      p.close();
    }
    try (var walk = Files.walk(base)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private ManagedProcess start(String log, String... command) {
    ManagedProcess p = ManagedProcess.start(List.of(command), base.resolve(log));
    started.add(p);
    return p;
  }

  /**
   * keepalived under systemd with PrivateTmp writes to a private {@code /tmp}. A user plants a
   * lookalike {@code /tmp/systemd-private-*-keepalived.service-*}/tmp with fresh dumps of an
   * invented instance in FAULT, and a second one whose dump files are FIFOs (opening one blocks).
   * The exporter, with the default dump directory, must report only keepalived's real instance and
   * must not gain a thread per scrape.
   */
  @Test
  void plantedPrivateTmpLookalikesNeitherSpoofNorBlock() throws Exception {
    try (NetworkLab lab = NetworkLab.create("kahu")) {
      lab.addHost("n1", "192.0.2.31/24");
      lab.addHost("n2", "192.0.2.32/24"); // silent peer
      KeepalivedNode n1 = new KeepalivedNode(lab, "n1", base.resolve("n1"));
      n1.configure(KeepalivedNodes.config(100, "n2", 0));

      // this test's "machine": a mount namespace whose /tmp is a fresh tmpfs
      ManagedProcess machine =
          start(
              "machine.log",
              "unshare",
              "-m",
              "--propagation",
              "private",
              "sh",
              "-c",
              "mount -t tmpfs -o mode=1777 tmpfs /tmp && exec sleep 600");
      String m = Long.toString(machine.pid());
      Object realTmp = Files.readAttributes(Path.of("/tmp"), "unix:ino,dev");
      await("private /tmp mounted")
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  !Files.readAttributes(Path.of("/proc", m, "root", "tmp"), "unix:ino,dev")
                      .equals(realTmp));

      // keepalived with PrivateTmp: yet another /tmp of its own, default TMPDIR
      start(
          "keepalived.log",
          "nsenter",
          "-t",
          m,
          "-m",
          "--",
          "ip",
          "netns",
          "exec",
          lab.namespace("n1"),
          "unshare",
          "-m",
          "--propagation",
          "private",
          "sh",
          "-c",
          "mount -t tmpfs tmpfs /tmp && exec keepalived -n -l -D -f "
              + n1.dir().resolve("keepalived.conf")
              + " -p "
              + n1.pidFile()
              + " -r "
              + n1.dir().resolve("vrrp.pid")
              + " -c "
              + n1.dir().resolve("checkers.pid"));

      // the attacker, as nobody, in the machine's /tmp
      Path fake = base.resolve("fake");
      Files.createDirectories(fake);
      Files.writeString(
          fake.resolve("keepalived.json"),
          Fixtures.dump("2.2.7/fault.json").replace("VI_DNS", "VI_INVENTED"));
      Files.writeString(
          fake.resolve("keepalived.data"),
          Fixtures.dump("2.2.7/fault.data").replace("VI_DNS", "VI_INVENTED"));
      String spoof = "/tmp/systemd-private-0a1b-keepalived.service-Xy12/tmp";
      String block = "/tmp/systemd-private-0a1c-keepalived.service-Zz34/tmp";
      start(
          "attacker.log",
          "nsenter",
          "-t",
          m,
          "-m",
          "--",
          "setpriv",
          "--reuid=nobody",
          "--regid=nogroup",
          "--clear-groups",
          "sh",
          "-c",
          "mkdir -p "
              + spoof
              + " "
              + block
              + " && mkfifo "
              + block
              + "/keepalived.json "
              + block
              + "/keepalived.data && i=0; while [ $i -lt 3000 ]; do"
              + " cp "
              + fake
              + "/keepalived.json "
              + fake
              + "/keepalived.data "
              + spoof
              + "/; touch "
              + block
              + "/keepalived.json "
              + block
              + "/keepalived.data; i=$((i+1)); sleep 0.02; done");

      try (ExporterProcess exporter =
          ExporterProcess.start(
              List.of("nsenter", "-t", m, "-m", "--"),
              base.resolve("exporter.log"),
              "--keepalived.pid-file=" + n1.pidFile(),
              "--scrape.timeout=5s")) {
        await("exporter reads keepalived's real dump")
            .atMost(Duration.ofSeconds(180))
            .until(
                () -> {
                  ParsedMetrics p = exporter.scrape();
                  return p != null && p.value("keepalived_up").orElse(0) == 1;
                });
        int threadsBefore = exporter.threads();
        int spoofed = 0;
        int up = 0;
        for (int i = 0; i < SCRAPES; i++) {
          ParsedMetrics p = exporter.scrape();
          spoofed += p.has("keepalived_vrrp_instance_state", "iname", "VI_INVENTED") ? 1 : 0;
          up += p.value("keepalived_up").orElse(0) == 1 ? 1 : 0;
        }
        int threadsAfter = exporter.threads();
        System.out.printf(
            "planted private /tmp lookalikes: %d scrapes, %d up, %d spoofed, threads %d -> %d%n",
            SCRAPES, up, spoofed, threadsBefore, threadsAfter);

        assertThat(spoofed).isZero();
        // keepalived itself may be slower than the budget on a loaded machine; never every time
        assertThat(up).isPositive();
        assertThat(exporter.scrape().has("keepalived_vrrp_instance_state", "iname", "VI_DNS"))
            .isTrue();
        // a few threads come and go (HTTP, JIT); one per scrape would be 40
        assertThat(threadsAfter - threadsBefore).isLessThan(5);
      }
    }
  }

  /**
   * A copy of {@code sleep} named keepalived, run by nobody from a home directory, behind the pid
   * file: it must not be signalled (signal 36 would end it).
   */
  @Test
  void aProgramMerelyNamedKeepalivedIsNeverSignalled() throws Exception {
    Path home = Files.createDirectories(base.resolve("home"));
    Path fakeKeepalived = home.resolve("keepalived");
    Files.copy(Path.of("/bin/sleep"), fakeKeepalived);
    Files.setPosixFilePermissions(fakeKeepalived, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setAttribute(fakeKeepalived, "unix:uid", 65534);
    ManagedProcess fake =
        start(
            "fake.log",
            "setpriv",
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            fakeKeepalived.toString(),
            "600");
    Path pidFile = Files.writeString(base.resolve("keepalived.pid"), fake.pid() + "\n");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.exists(Path.of("/proc/" + fake.pid())));

    try (RunningExporter e =
        RunningExporter.start(
            new KeepalivedExporter(),
            "--keepalived.pid-file=" + pidFile,
            "--keepalived.dump-dir=" + base)) {
      ParsedMetrics m = e.scrape();

      assertThat(m.valueOf("keepalived_up")).isZero();
      assertThat(m.valueOf("keepalived_scrape_errors_total", "reason", "not_running")).isOne();
      assertThat(e.get("/").body()).contains("is not keepalived");
    }
    assertThat(fake.isAlive()).isTrue();
  }
}
