package io.github.homelabha.dashboards.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.testkit.system.RequiresBinaries;
import io.github.homelabha.dashboards.e2e.MonitoringStack.ScrapeTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's monitoring HA setup: two Alertmanagers clustered by gossip, both receiving every
 * alert. One Telegram message goes out per alert, not two; and when one Alertmanager dies (its node
 * failed), the other still sends.
 */
@RequiresBinaries({"prometheus", "prometheus-alertmanager"})
class ClusteredAlertmanagersSystemTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Longer than the second peer's wait (peer timeout, 5 s) plus a group interval. */
  private static final Duration DUPLICATE_WINDOW = Duration.ofSeconds(11);

  @Test
  void oneMessagePerAlertAndTheSurvivorSendsAlone(@TempDir Path work) throws Exception {
    long start = Instant.now().getEpochSecond();
    try (ScriptedExporter a = new ScriptedExporter();
        ScriptedExporter b = new ScriptedExporter();
        MonitoringStack stack =
            MonitoringStack.startClustered(
                work,
                List.of(
                    new ScrapeTarget("keepalived", a.address(), "home", "a"),
                    new ScrapeTarget("keepalived", b.address(), "home", "b")),
                MonitoringStack.FAST_RULES,
                2)) {
      stack.awaitAlertmanagerCluster(TIMEOUT);
      a.serve(
          KeepalivedExposition.node(
              true, 2, 150, 150, start - 3600, "BACKUP", "MASTER", "unknown", true));
      b.serve(
          KeepalivedExposition.node(
              true, 1, 100, 100, start - 3600, "INIT", "BACKUP", "unknown", true));
      stack.awaitSeries("keepalived_vrrp_instance_state{node=\"b\"} == 1", TIMEOUT);
      FakeTelegramBotApi telegram = stack.telegram();

      // both Alertmanagers get KeepalivedDown from Prometheus; the phone gets it once
      b.serve(KeepalivedExposition.keepalivedDown());
      telegram.await(0, t -> t.contains("keepalived not answering on b"), TIMEOUT);
      Thread.sleep(DUPLICATE_WINDOW.toMillis());
      assertThat(count(telegram, "🔴 KeepalivedDown")).as(stack.logs()).isEqualTo(1);

      // the node running the first Alertmanager dies: the second one sends on its own
      stack.stopAlertmanager(0);
      int before = telegram.messages().size();
      a.serve(
          KeepalivedExposition.node(
              true, 2, 150, 90, start - 3600, "BACKUP", "MASTER", "unknown", false));
      telegram.await(before, t -> t.contains("Track script chk_dns failing on a"), TIMEOUT);
      Thread.sleep(DUPLICATE_WINDOW.toMillis());
      // grouped per node with the lowered priority it causes: one message
      assertThat(
              telegram.messages().stream()
                  .filter(m -> m.shown().contains("Track script chk_dns failing on a"))
                  .count())
          .isEqualTo(1);
    }
  }

  private static long count(FakeTelegramBotApi telegram, String header) {
    return telegram.messages().stream().filter(m -> m.shown().startsWith(header)).count();
  }
}
