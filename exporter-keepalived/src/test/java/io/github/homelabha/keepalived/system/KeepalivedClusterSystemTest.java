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
import io.github.homelabha.keepalived.KeepalivedExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real two-node keepalived cluster in network namespaces (unicast peers, PASS authentication, a
 * track script with weight -60 on the preferred node), one exporter per node, driven through
 * failovers. Each step checks that the first scrape after a change already reports it.
 */
@RequiresRoot
@RequiresBinaries({"keepalived", "ip", "kill", "mkfifo", "sleep"})
class KeepalivedClusterSystemTest {
  /** Upper bound of every wait; each returns as soon as its condition holds. */
  private static final Duration FAILOVER = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @Test
  void failoversAreReportedFreshWithTheirReasons() throws Exception {
    try (NetworkLab lab = NetworkLab.create("kad")) {
      lab.addHost("n1", "192.0.2.11/24");
      lab.addHost("n2", "192.0.2.12/24");
      KeepalivedNode n1 = new KeepalivedNode(lab, "n1", tmp.resolve("n1"));
      KeepalivedNode n2 = new KeepalivedNode(lab, "n2", tmp.resolve("n2"));
      n1.configure(KeepalivedNodes.config(150, "n2", 0));
      n2.configure(KeepalivedNodes.config(100, "n1", 0));
      n1.start();
      n2.start();
      try (RunningExporter e1 =
              RunningExporter.start(new KeepalivedExporter(), patient(n1.exporterArgs()));
          // n2's exporter is not told keepalived's network namespace: it finds it for the VIP check
          RunningExporter e2 =
              RunningExporter.start(
                  new KeepalivedExporter(), patient(n2.exporterArgsFindingNetns()));
          // the text dumps, as builds without JSON support are read, and no FIFO
          RunningExporter e2text =
              RunningExporter.start(
                  new KeepalivedExporter(),
                  "--keepalived.pid-file=" + n2.pidFile(),
                  "--keepalived.dump-dir=" + n2.dumps(),
                  "--keepalived.json=false",
                  DUMP_TIMEOUT);
          // both keepalived from one exporter, as for several instances on one host
          RunningExporter both =
              RunningExporter.start(
                  new KeepalivedExporter(), "--config.file=" + bothNodesConfig(n1, n2))) {

        // 1. election: n1 (150) is MASTER and holds the VIP, n2 is BACKUP without it
        await("n1 MASTER").atMost(FAILOVER).until(() -> state(e1) == 2 && state(e2) == 1);
        // keepalived adds the VIP just after the state change and reports a script's status
        // only once it has run: both come a moment after the election
        await("n1 holds the VIP, chk_dns has run")
            .atMost(FAILOVER)
            .until(
                () -> {
                  ParsedMetrics m = e1.scrape();
                  return vip(m) == 1
                      && m.value("keepalived_track_script_status", "name", "chk_dns").orElse(-1)
                          == 1;
                });
        await("n2 has received adverts and run chk_dns")
            .atMost(FAILOVER)
            .until(
                () -> {
                  ParsedMetrics m = e2text.scrape();
                  return m.value("keepalived_advertisements_received_total", "iname", "VI_DNS")
                              .orElse(0)
                          > 0
                      && m.value("keepalived_track_script_status", "name", "chk_dns").orElse(-1)
                          == 1;
                });
        ParsedMetrics m1 = e1.scrape();
        assertThat(m1.valueOf("keepalived_up")).isEqualTo(1);
        assertThat(vip(m1)).isEqualTo(1);
        assertThat(
                m1.valueOf("keepalived_vrrp_state", "iname", "VI_DNS", "ip_address", "192.0.2.100"))
            .isEqualTo(2);
        assertThat(m1.valueOf("keepalived_dump_age_seconds")).isLessThan(1);
        assertThat(m1.valueOf("keepalived_track_script_status", "name", "chk_dns")).isEqualTo(1);
        assertThat(vip(e2.scrape())).isZero();
        await("one exporter for both nodes sees both")
            .atMost(FAILOVER)
            .until(
                () -> {
                  ParsedMetrics a = both.scrape();
                  return a.value("keepalived_up", "target", "n1").orElse(0) == 1
                      && a.value("keepalived_up", "target", "n2").orElse(0) == 1;
                });
        ParsedMetrics all = both.scrape();
        assertThat(all.valueOf("keepalived_up", "target", "n1")).isEqualTo(1);
        assertThat(all.valueOf("keepalived_vrrp_instance_state", "target", "n1", "iname", "VI_DNS"))
            .isEqualTo(2);
        assertThat(all.valueOf("keepalived_vrrp_instance_state", "target", "n2", "iname", "VI_DNS"))
            .isEqualTo(1);
        assertThat(all.valueOf("keepalived_vip_present", "target", "n1", "iname", "VI_DNS"))
            .isEqualTo(1);
        assertThat(all.valueOf("keepalived_vip_present", "target", "n2", "iname", "VI_DNS"))
            .isZero();
        ParsedMetrics text = e2text.scrape();
        assertThat(state(text)).isEqualTo(1);
        assertThat(text.valueOf("keepalived_advertisements_received_total", "iname", "VI_DNS"))
            .isPositive();
        assertThat(text.valueOf("keepalived_track_script_status", "name", "chk_dns")).isEqualTo(1);

        // 2. n1's track script fails: priority 150-60=90 < 100, n2 takes over; n1 names the script
        n1.failTrackScript(true);
        awaitEvent(e1, "MASTER", "BACKUP");
        m1 = e1.scrape(); // the first scrape after the change
        assertThat(m1.valueOf("keepalived_vrrp_instance_state", "iname", "VI_DNS")).isEqualTo(1);
        assertThat(m1.valueOf("keepalived_vrrp_effective_priority", "iname", "VI_DNS"))
            .isEqualTo(90);
        assertThat(m1.valueOf("keepalived_vrrp_base_priority", "iname", "VI_DNS")).isEqualTo(150);
        assertThat(m1.valueOf("keepalived_track_script_status", "name", "chk_dns")).isZero();
        assertThat(
                m1.valueOf(
                    "keepalived_vrrp_last_transition_info",
                    "iname",
                    "VI_DNS",
                    "from",
                    "MASTER",
                    "to",
                    "BACKUP",
                    "reason",
                    "track_script",
                    "script",
                    "chk_dns"))
            .isEqualTo(1);
        assertThat(
                m1.valueOf(
                    "keepalived_vrrp_transitions_total",
                    "from",
                    "MASTER",
                    "to",
                    "BACKUP",
                    "reason",
                    "track_script"))
            .isEqualTo(1);
        awaitEvent(e2, "BACKUP", "MASTER");
        ParsedMetrics m2 = e2.scrape();
        assertThat(state(m2)).isEqualTo(2);
        awaitVip(e2, 1);

        // 3. the script recovers: n1 preempts n2 again, both record a preemption
        n1.failTrackScript(false);
        awaitEvent(e1, "BACKUP", "MASTER");
        m1 = e1.scrape();
        assertThat(state(m1)).isEqualTo(2);
        assertThat(
                m1.valueOf(
                    "keepalived_vrrp_transitions_total",
                    "from",
                    "BACKUP",
                    "to",
                    "MASTER",
                    "reason",
                    "preempted"))
            .isEqualTo(1);
        awaitEvent(e2, "MASTER", "BACKUP");
        m2 = e2.scrape();
        assertThat(state(m2)).isEqualTo(1);
        assertThat(
                m2.valueOf(
                    "keepalived_vrrp_last_transition_info",
                    "iname",
                    "VI_DNS",
                    "reason",
                    "preempted"))
            .isEqualTo(1);
        awaitVip(e2, 0);

        // 4. systemctl reload (SIGHUP): keepalived closes and reopens the FIFO, the exporter
        // follows
        n1.process().signal("HUP");
        await("FIFO reopened after reload")
            .atMost(FAILOVER)
            .until(() -> e1.logs().contains("reopening"));
        await("n1 MASTER after reload").atMost(FAILOVER).until(() -> state(e1) == 2);
        await()
            .atMost(FAILOVER)
            .until(() -> e1.scrape().valueOf("keepalived_notify_fifo_connected") == 1);

        // 5. n1's keepalived stops: n2's very next scrape after its change says MASTER with the VIP
        n1.process().stop(Duration.ofSeconds(10));
        awaitEvent(e2, "BACKUP", "MASTER");
        m2 = e2.scrape();
        assertThat(state(m2)).isEqualTo(2);
        awaitVip(e2, 1);
        assertThat(
                m2.samples(
                        "keepalived_vrrp_last_transition_info", "iname", "VI_DNS", "to", "MASTER")
                    .get(0)
                    .labels()
                    .get("reason"))
            .isIn("priority_zero", "peer_lost");
        assertThat(state(e2text.scrape())).isEqualTo(2);
        m1 = e1.scrape();
        assertThat(m1.valueOf("keepalived_up")).isZero();
        assertThat(m1.valueOf("keepalived_scrape_errors_total", "reason", "not_running"))
            .isGreaterThanOrEqualTo(1);
        assertThat(e1.get("/").body()).contains(n1.pidFile().toString());
        assertThat(e1.get("/events").body()).contains("\"reason\":\"stopped\"");

        // 6. a stale pid file naming another program: it is never signalled
        try (ManagedProcess sleeper =
            ManagedProcess.start(List.of("sleep", "120"), tmp.resolve("sleep.log"))) {
          Files.writeString(n1.pidFile(), sleeper.pid() + "\n");
          m1 = e1.scrape();
          assertThat(m1.valueOf("keepalived_up")).isZero();
          assertThat(e1.get("/").body()).contains("is not keepalived");
          // a signal sent would end it within milliseconds
          await()
              .during(Duration.ofMillis(300))
              .atMost(Duration.ofSeconds(5))
              .until(sleeper::isAlive);
        }

        // 7. nothing anywhere shows the VRRP password
        for (RunningExporter e : List.of(e1, e2, e2text, both)) {
          assertThat(e.scrapeText()).doesNotContain(KeepalivedNodes.PASSWORD);
          assertThat(e.get("/events").body()).doesNotContain(KeepalivedNodes.PASSWORD);
          assertThat(e.get("/").body()).doesNotContain(KeepalivedNodes.PASSWORD);
          assertThat(e.logs()).doesNotContain(KeepalivedNodes.PASSWORD);
        }
      }
    }
  }

  private Path bothNodesConfig(KeepalivedNode n1, KeepalivedNode n2) throws Exception {
    StringBuilder yaml = new StringBuilder("targets:\n");
    for (KeepalivedNode n : List.of(n1, n2)) {
      yaml.append("  - name: ").append(n.host()).append('\n');
      yaml.append("    pid_file: ").append(n.pidFile()).append('\n');
      yaml.append("    dump_dir: ").append(n.dumps()).append('\n');
      yaml.append("    dump_timeout: 10s\n");
    }
    return Files.writeString(tmp.resolve("both.yml"), yaml.toString());
  }

  /**
   * keepalived on a busy machine can take seconds to write a dump; the default 2s would make some
   * scrapes fail as stale (never wrong, but not what these steps check).
   */
  private static final String DUMP_TIMEOUT = "--keepalived.dump-timeout=10s";

  private static String[] patient(String[] args) {
    String[] out = java.util.Arrays.copyOf(args, args.length + 1);
    out[args.length] = DUMP_TIMEOUT;
    return out;
  }

  private static double state(RunningExporter e) throws Exception {
    return state(e.scrape());
  }

  private static double state(ParsedMetrics m) {
    return m.value("keepalived_vrrp_instance_state", "iname", "VI_DNS").orElse(-1);
  }

  private static double vip(ParsedMetrics m) {
    return m.valueOf("keepalived_vip_present", "iname", "VI_DNS", "ip_address", "192.0.2.100");
  }

  /**
   * Waits until the exporter reports the VIP as present (1) or absent (0): keepalived changes the
   * address a moment before or after it reports the state change.
   */
  private static void awaitVip(RunningExporter e, int present) {
    await("VIP present " + present).atMost(FAILOVER).until(() -> vip(e.scrape()) == present);
  }

  /** Waits until the exporter's FIFO saw the instance's change (the moment keepalived made it). */
  private static void awaitEvent(RunningExporter e, String from, String to) {
    await(from + " -> " + to)
        .atMost(FAILOVER)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              String body = e.get("/events").body();
              int first = body.indexOf("\"instance\":\"VI_DNS\"");
              // newest first: the latest VI_DNS event must be this change
              return first >= 0
                  && body.substring(first)
                      .replaceFirst("(?s)\\}.*", "")
                      .contains("\"from\":\"" + from + "\",\"to\":\"" + to + "\"");
            });
  }
}
