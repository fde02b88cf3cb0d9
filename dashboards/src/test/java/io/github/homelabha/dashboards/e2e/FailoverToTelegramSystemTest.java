package io.github.homelabha.dashboards.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.testkit.RunningExporter;
import io.github.homelabha.core.testkit.system.NetworkLab;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import io.github.homelabha.core.testkit.system.RequiresRoot;
import io.github.homelabha.dashboards.e2e.MonitoringStack.ScrapeTarget;
import io.github.homelabha.keepalived.KeepalivedExporter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path, from a real failover to the phone: two real keepalived nodes in network
 * namespaces, our keepalived exporter per node, a real Prometheus (1 s scrape and evaluation) with
 * the shipped rules, a real Alertmanager with the shipped config and template, a fake Telegram.
 *
 * <p>Failover-to-message latency is the sum of: VRRP takeover (immediate on a SIGTERM, whose
 * priority-0 advert hands over at once; 3-4 advert intervals when the MASTER vanishes), the next
 * scrape (<= 1 s here), the next evaluation (<= 1 s), failover_settle_for (2 s here),
 * Alertmanager's group_wait (1 s here), and the HTTP call.
 */
@RequiresRoot
@RequiresBinaries({"keepalived", "ip", "prometheus", "prometheus-alertmanager"})
class FailoverToTelegramSystemTest {

  private static final Duration MESSAGE_TIMEOUT = Duration.ofSeconds(45);
  private static final Duration LATENCY_LIMIT = Duration.ofSeconds(30);

  @Test
  void failoverRecoveryAndTrackScriptFailureArriveOnTelegram(@TempDir Path work) throws Exception {
    try (NetworkLab lab = NetworkLab.create("dash")) {
      String ns1 = lab.addHost("n1", "192.0.2.11/24");
      String ns2 = lab.addHost("n2", "192.0.2.12/24");
      KeepalivedNode n1 = new KeepalivedNode(lab, "n1", work.resolve("n1"), 150);
      KeepalivedNode n2 = new KeepalivedNode(lab, "n2", work.resolve("n2"), 100);
      n1.start();
      n2.start();
      try (RunningExporter e1 = exporter(n1, ns1);
          RunningExporter e2 = exporter(n2, ns2);
          MonitoringStack stack =
              MonitoringStack.start(
                  work.resolve("monitoring"),
                  List.of(
                      new ScrapeTarget("keepalived", "127.0.0.1:" + e1.port(), "home", "n1"),
                      new ScrapeTarget("keepalived", "127.0.0.1:" + e2.port(), "home", "n2")),
                  MonitoringStack.FAST_RULES)) {
        FakeTelegramBotApi telegram = stack.telegram();
        // the cluster settles: n1 (priority 150) MASTER, n2 BACKUP; its own election is
        // announced too ("n1 is MASTER")
        stack.awaitSeries("keepalived_vrrp_instance_state{node=\"n1\"} == 2", MESSAGE_TIMEOUT);
        stack.awaitSeries("keepalived_vrrp_instance_state{node=\"n2\"} == 1", MESSAGE_TIMEOUT);
        telegram.await(
            0, t -> t.contains("Failover of VI_1") && t.contains("n1 is MASTER"), MESSAGE_TIMEOUT);

        // 1. the MASTER's keepalived stops: n2 takes over
        int before = telegram.messages().size();
        Instant stopped = Instant.now();
        n1.stop();
        FakeTelegramBotApi.Message failover =
            telegram.await(
                before, t -> t.contains("Failover of VI_1: n1 -> n2 is MASTER"), MESSAGE_TIMEOUT);
        Duration latency = Duration.between(stopped, failover.received());
        System.out.printf(
            "real failover (keepalived stopped on n1) -> Telegram message: %d ms%n%s%n",
            latency.toMillis(), failover.shown());
        assertThat(failover.shown())
            .contains("n2 became MASTER of VI_1 (VRID 51) in cluster home, taking over from n1.")
            .containsPattern(
                "Reason: (the MASTER announced priority 0|the MASTER stopped sending"
                    + "|keepalived stopped on the MASTER)");
        assertThat(latency).isLessThan(LATENCY_LIMIT);
        telegram.await(before, t -> t.contains("keepalived not answering on n1"), MESSAGE_TIMEOUT);

        // 2. keepalived back on n1: it preempts (higher priority), KeepalivedDown resolves
        int beforeRestart = telegram.messages().size();
        n1.start();
        telegram.await(
            beforeRestart,
            t -> t.contains("RESOLVED keepalived not answering on n1"),
            MESSAGE_TIMEOUT);
        telegram.await(
            beforeRestart,
            t -> t.contains("Failover of VI_1: n2 -> n1 is MASTER"),
            MESSAGE_TIMEOUT);

        // 3. n1's track script fails: its priority drops by 60 below n2's, n2 takes over, and
        // the messages name the script
        stack.awaitSeries("keepalived_vrrp_instance_state{node=\"n1\"} == 2", MESSAGE_TIMEOUT);
        int beforeScript = telegram.messages().size();
        Instant scriptFailed = Instant.now();
        n1.failTrackScript();
        FakeTelegramBotApi.Message scriptFailover =
            telegram.await(
                beforeScript,
                t ->
                    t.contains("Failover of VI_1: n1 -> n2 is MASTER")
                        && t.contains("track script chk_dns failed on n1"),
                MESSAGE_TIMEOUT);
        System.out.printf(
            "real failover (track script chk_dns failed on n1) -> Telegram message: %d ms%n%s%n",
            Duration.between(scriptFailed, scriptFailover.received()).toMillis(),
            scriptFailover.shown());
        telegram.await(
            beforeScript, t -> t.contains("Track script chk_dns failing on n1"), MESSAGE_TIMEOUT);

        // the VRRP password never reaches a message; failovers are events, never "resolved"
        assertThat(telegram.messages()).noneMatch(m -> m.text().contains("e2e-pass"));
        assertThat(telegram.messages()).noneMatch(m -> m.shown().contains("RESOLVED Failover"));
      } catch (AssertionError | RuntimeException e) {
        System.err.println("n1 keepalived log:\n" + n1.log() + "\nn2 keepalived log:\n" + n2.log());
        throw e;
      }
    }
  }

  private static RunningExporter exporter(KeepalivedNode node, String namespace) throws Exception {
    return RunningExporter.start(
        new KeepalivedExporter(),
        "--keepalived.pid-file=" + node.pidFile(),
        "--keepalived.dump-dir=" + node.dumpDir(),
        "--keepalived.notify-fifo=" + node.notifyFifo(),
        "--keepalived.netns=" + namespace);
  }
}
