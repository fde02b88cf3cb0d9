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
      a.serve(node(true, 2, 150, 150, start - 3600, "BACKUP", "MASTER", "unknown", true));
      b.serve(node(true, 1, 100, 100, start - 3600, "INIT", "BACKUP", "unknown", true));
      stack.awaitSeries("keepalived_vrrp_instance_state{node=\"a\"} == 2", MESSAGE_TIMEOUT);
      stack.awaitSeries("keepalived_vrrp_instance_state{node=\"b\"} == 1", MESSAGE_TIMEOUT);
      FakeTelegramBotApi telegram = stack.telegram();
      int before = telegram.messages().size();

      // a's keepalived dies; b takes over because a's adverts stopped
      Instant failover = Instant.now();
      a.serve(keepalivedDown());
      b.serve(
          node(
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
      a.serve(node(true, 1, 150, 150, back, "INIT", "BACKUP", "unknown", true));
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
      a.serve(node(true, 1, 150, 90, back, "INIT", "BACKUP", "unknown", false));
      FakeTelegramBotApi.Message script =
          telegram.await(
              beforeScript, t -> t.contains("Track script chk_dns failing on a"), MESSAGE_TIMEOUT);
      assertThat(script.shown()).contains("keepalived's track script chk_dns fails on a");

      // the dead man's switch received the Watchdog all along
      assertThat(telegram.webhookCalls("deadmansswitch")).as(stack.logs()).isPositive();
      assertThat(telegram.messages()).noneMatch(m -> m.text().contains("Watchdog"));
    }
  }

  /** One node's keepalived exporter output for VI_1 (VRID 51, VIP 192.0.2.10 on eth0). */
  private static String node(
      boolean up,
      int state,
      int basePriority,
      int effectivePriority,
      long transitionEpochSeconds,
      String from,
      String to,
      String reason,
      boolean trackScriptOk) {
    String vrrp = "iname=\"VI_1\",intf=\"eth0\",vrid=\"51\"";
    return String.join(
        "\n",
        "keepalived_up " + (up ? 1 : 0),
        "keepalived_vrrp_instance_state{" + vrrp + "} " + state,
        "keepalived_vrrp_base_priority{" + vrrp + "} " + basePriority,
        "keepalived_vrrp_effective_priority{" + vrrp + "} " + effectivePriority,
        "keepalived_vrrp_last_transition_timestamp_seconds{" + vrrp + "} " + transitionEpochSeconds,
        "keepalived_vrrp_last_transition_info{iname=\"VI_1\",vrid=\"51\",from=\""
            + from
            + "\",to=\""
            + to
            + "\",reason=\""
            + reason
            + "\",script=\"\"} 1",
        "keepalived_vip_present{" + vrrp + ",ip_address=\"192.0.2.10\"} " + (state == 2 ? 1 : 0),
        "keepalived_track_script_status{name=\"chk_dns\"} " + (trackScriptOk ? 1 : 0),
        "keepalived_dump_age_seconds 0.01",
        "");
  }

  private static String keepalivedDown() {
    return "keepalived_up 0\nkeepalived_scrape_errors_total{reason=\"process_not_running\"} 3\n";
  }
}
