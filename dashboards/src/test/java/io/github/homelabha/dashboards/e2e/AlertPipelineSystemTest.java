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
 * Rules -> Prometheus -> Alertmanager -> template -> Telegram with real Prometheus and
 * Alertmanager, the keepalived exporters' output scripted: proves the path and the message text for
 * exact scenarios (a failover, keepalived down and back, a failing track script) in seconds.
 */
@RequiresBinaries({"prometheus", "prometheus-alertmanager"})
class AlertPipelineSystemTest {

  private static final Duration MESSAGE_TIMEOUT = Duration.ofSeconds(30);

  @Test
  void failoverKeepalivedDownAndBackAndAFailingTrackScriptReachTelegram(@TempDir Path work)
      throws Exception {
    long start = Instant.now().getEpochSecond();
    try (ScriptedExporter a = new ScriptedExporter();
        ScriptedExporter b = new ScriptedExporter();
        MonitoringStack stack =
            MonitoringStack.start(
                work,
                List.of(
                    new ScrapeTarget("keepalived", a.address(), "home", "a"),
                    new ScrapeTarget("keepalived", b.address(), "home", "b")),
                MonitoringStack.FAST_RULES)) {
      // steady state: a MASTER for an hour, b BACKUP
      a.serve(
          KeepalivedExposition.node(
              true, 2, 150, 150, start - 3600, "BACKUP", "MASTER", "unknown", true));
      b.serve(
          KeepalivedExposition.node(
              true, 1, 100, 100, start - 3600, "INIT", "BACKUP", "unknown", true));
      stack.awaitSeries("keepalived_vrrp_instance_state{node=\"a\"} == 2", MESSAGE_TIMEOUT);
      stack.awaitSeries("keepalived_vrrp_instance_state{node=\"b\"} == 1", MESSAGE_TIMEOUT);
      FakeTelegramBotApi telegram = stack.telegram();
      int before = telegram.messages().size();

      // a's keepalived dies; b takes over because a's adverts stopped
      Instant failover = Instant.now();
      a.serve(KeepalivedExposition.keepalivedDown());
      b.serve(
          KeepalivedExposition.node(
              true, 2, 100, 100, failover.getEpochSecond(), "BACKUP", "MASTER", "peer_lost", true));
      FakeTelegramBotApi.Message failoverMessage =
          telegram.await(before, t -> t.contains("KeepalivedFailover"), MESSAGE_TIMEOUT);
      System.out.printf(
          "scripted failover -> Telegram message: %d ms%n",
          Duration.between(failover, failoverMessage.received()).toMillis());
      assertThat(failoverMessage.text()).contains("<b>Failover of VI_1: a -&gt; b is MASTER</b>");
      assertThat(failoverMessage.shown())
          .contains("Failover of VI_1: a -> b is MASTER")
          .contains("b became MASTER of VI_1 (VRID 51) in cluster home, taking over from a.")
          .contains("the MASTER stopped sending VRRP adverts")
          .contains("📍 b · cluster home")
          .contains("🕒 since ");
      assertThat(failoverMessage.token()).isEqualTo(MonitoringStack.BOT_TOKEN);
      assertThat(failoverMessage.chatId()).isEqualTo(Long.toString(MonitoringStack.CHAT_ID));
      assertThat(failoverMessage.parseMode()).isEqualTo("HTML");

      FakeTelegramBotApi.Message down =
          telegram.await(before, t -> t.contains("keepalived not answering on a"), MESSAGE_TIMEOUT);
      assertThat(down.shown()).contains("🔴 KeepalivedDown (critical)");

      // keepalived back on a, as BACKUP
      int beforeRestore = telegram.messages().size();
      long back = Instant.now().getEpochSecond();
      a.serve(
          KeepalivedExposition.node(true, 1, 150, 150, back, "INIT", "BACKUP", "unknown", true));
      FakeTelegramBotApi.Message resolved =
          telegram.await(
              beforeRestore,
              t -> t.contains("RESOLVED") && t.contains("keepalived not answering on a"),
              MESSAGE_TIMEOUT);
      assertThat(resolved.shown())
          .contains("✅ RESOLVED keepalived not answering on a")
          .contains("📍 a · ");

      // a's track script chk_dns starts failing: priority drops, the message names the script
      int beforeScript = telegram.messages().size();
      a.serve(
          KeepalivedExposition.node(true, 1, 150, 90, back, "INIT", "BACKUP", "unknown", false));
      FakeTelegramBotApi.Message script =
          telegram.await(
              beforeScript, t -> t.contains("Track script chk_dns failing on a"), MESSAGE_TIMEOUT);
      assertThat(script.shown()).contains("keepalived's track script chk_dns fails on a");

      // the dead man's switch received the Watchdog all along
      assertThat(telegram.webhookCalls("deadmansswitch")).as(stack.logs()).isPositive();
      assertThat(telegram.messages()).noneMatch(m -> m.text().contains("Watchdog"));
    }
  }
}
