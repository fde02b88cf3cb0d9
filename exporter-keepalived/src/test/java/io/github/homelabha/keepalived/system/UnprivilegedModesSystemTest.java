package io.github.homelabha.keepalived.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.system.NetworkLab;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import io.github.homelabha.core.testkit.system.RequiresRoot;
import io.github.homelabha.core.testkit.system.keepalived.KeepalivedNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, proven with a real keepalived running as root: the exporter as {@code nobody}
 * works in FIFO-only mode with read access to the FIFO alone; in dump mode it fails clearly without
 * capabilities and works with CAP_KILL + CAP_DAC_READ_SEARCH.
 */
@RequiresRoot
@RequiresBinaries({"keepalived", "ip", "setpriv", "mkfifo", "kill"})
class UnprivilegedModesSystemTest {

  @Test
  void nobodyReadsTheFifoAndNeedsTwoCapabilitiesForDumps() throws Exception {
    Path base = Files.createTempDirectory("kanr-");
    try (NetworkLab lab = NetworkLab.create("kanr")) {
      Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
      String cp = ExporterProcess.worldReadableClassPath(base.resolve("cp"));
      lab.addHost("n1", "192.0.2.21/24");
      lab.addHost("n2", "192.0.2.22/24"); // a silent peer: n1 becomes MASTER on its own
      KeepalivedNode n1 = new KeepalivedNode(lab, "n1", base.resolve("n1"));
      Files.setPosixFilePermissions(n1.dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
      n1.configure(KeepalivedNodes.config(100, "n2", 0));
      // the FIFO exists before keepalived starts, readable by others, as the README advises
      Process mk = new ProcessBuilder("mkfifo", "-m", "0644", n1.notifyFifo().toString()).start();
      assertThat(mk.waitFor()).isZero();

      try (ExporterProcess fifoOnly =
          ExporterProcess.asNobody(
              cp,
              base.resolve("fifo-only.log"),
              null,
              "--keepalived.fifo-only",
              "--keepalived.notify-fifo=" + n1.notifyFifo(),
              "--keepalived.pid-file=" + n1.pidFile())) {
        n1.start();
        await("nobody sees MASTER through the FIFO")
            .atMost(Duration.ofSeconds(120))
            .until(
                () -> {
                  ParsedMetrics m = fifoOnly.scrape();
                  return m != null
                      && m.value("keepalived_vrrp_instance_state", "iname", "VI_DNS").orElse(-1)
                          == 2;
                });
        ParsedMetrics m = fifoOnly.scrape();
        assertThat(m.valueOf("keepalived_up")).isEqualTo(1);
        assertThat(m.valueOf("keepalived_vrrp_transitions_total", "from", "BACKUP", "to", "MASTER"))
            .isEqualTo(1);
        assertThat(Files.readString(Path.of("/proc/" + fifoOnly.pid() + "/status")))
            .containsPattern("Uid:\\s+65534");
        // keepalived kept our FIFO as it was: owner root, mode 0644
        PosixFileAttributes fifoAttrs =
            Files.readAttributes(n1.notifyFifo(), PosixFileAttributes.class);
        assertThat(PosixFilePermissions.toString(fifoAttrs.permissions())).isEqualTo("rw-r--r--");

        String[] dumpArgs = {
          "--keepalived.pid-file=" + n1.pidFile(),
          "--keepalived.dump-dir=" + n1.dumps(),
          "--keepalived.netns=" + lab.namespace("n1")
        };
        try (ExporterProcess noCaps =
            ExporterProcess.asNobody(cp, base.resolve("no-caps.log"), null, dumpArgs)) {
          await("nobody without capabilities is up 0 for lack of permission")
              .atMost(Duration.ofSeconds(120))
              .until(
                  () -> {
                    ParsedMetrics p = noCaps.scrape();
                    return p != null
                        && p.value("keepalived_scrape_errors_total", "reason", "permission")
                                .orElse(0)
                            >= 1;
                  });
          assertThat(noCaps.scrape().valueOf("keepalived_up")).isZero();
          assertThat(noCaps.get("/")).contains("CAP_KILL");
          assertThat(n1.process().isAlive()).isTrue();
        }

        try (ExporterProcess withCaps =
            ExporterProcess.asNobody(
                cp, base.resolve("caps.log"), "+kill,+dac_read_search", dumpArgs)) {
          await("nobody with CAP_KILL and CAP_DAC_READ_SEARCH reads fresh dumps")
              .atMost(Duration.ofSeconds(120))
              .until(
                  () -> {
                    ParsedMetrics p = withCaps.scrape();
                    return p != null && p.value("keepalived_up").orElse(0) == 1;
                  });
          ParsedMetrics p = withCaps.scrape();
          assertThat(p.valueOf("keepalived_vrrp_instance_state", "iname", "VI_DNS")).isEqualTo(2);
          // entering keepalived's network namespace (ip -n) needs CAP_SYS_ADMIN: said, not hidden
          assertThat(p.has("keepalived_vip_present")).isFalse();
          assertThat(withCaps.logText()).contains("keepalived_vip_present omitted");
          assertThat(withCaps.get("/metrics")).doesNotContain(KeepalivedNodes.PASSWORD);
          assertThat(withCaps.logText()).doesNotContain(KeepalivedNodes.PASSWORD);
        }
      }
    } finally {
      deleteTree(base);
    }
  }

  private static void deleteTree(Path dir) throws Exception {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
