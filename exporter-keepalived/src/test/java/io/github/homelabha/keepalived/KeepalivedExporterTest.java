package io.github.homelabha.keepalived;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.testkit.HttpResult;
import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.RunningExporter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter as users start it, without a keepalived (that is the system test's job). */
class KeepalivedExporterTest {
  @TempDir Path tmp;

  private Path mkfifo(String name) throws Exception {
    Path fifo = tmp.resolve(name);
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(p.waitFor() == 0, "mkfifo failed");
    return fifo;
  }

  private static void write(Path fifo, String text) throws IOException {
    try (FileOutputStream out = new FileOutputStream(fifo.toFile())) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void missingKeepalivedIsUpZeroWithAReasonThatSaysWhereItLooked() throws Exception {
    Path pid = tmp.resolve("nowhere.pid");
    try (RunningExporter e =
        RunningExporter.start(
            new KeepalivedExporter(),
            "--keepalived.pid-file=" + pid,
            "--keepalived.dump-dir=" + tmp)) {
      ParsedMetrics m = e.scrape();

      assertThat(m.valueOf("keepalived_up")).isZero();
      assertThat(m.valueOf("keepalived_scrape_errors_total", "reason", "not_running")).isEqualTo(1);
      assertThat(m.samples("keepalived_vrrp_instance_state")).isEmpty();
      HttpResult landing = e.get("/");
      assertThat(landing.body()).contains("nowhere.pid").contains("--keepalived.pid-file");
      assertThat(e.logs()).contains("nowhere.pid");
    }
  }

  @Test
  void acceptsThePeerExportersPidFlag() throws Exception {
    Path pid = tmp.resolve("peer-style.pid");
    try (RunningExporter e =
        RunningExporter.start(new KeepalivedExporter(), "--ka.pid-path=" + pid, "--ka.json")) {
      e.scrapeText();
      assertThat(e.get("/").body()).contains("peer-style.pid");
    }
  }

  @Test
  void acceptsThePeerExportersFlagsWithOneDashAsInItsSystemdUnits() throws Exception {
    Path pid = tmp.resolve("go-style.pid");
    try (RunningExporter e =
        RunningExporter.start(new KeepalivedExporter(), "-ka.pid-path=" + pid, "-ka.json")) {
      e.scrapeText();
      assertThat(e.get("/").body()).contains("go-style.pid");
    }
    Path spaced = tmp.resolve("go-spaced.pid");
    try (RunningExporter e =
        RunningExporter.start(new KeepalivedExporter(), "-ka.pid-path", spaced.toString())) {
      e.scrapeText();
      assertThat(e.get("/").body()).contains("go-spaced.pid");
    }
  }

  @Test
  void fifoOnlyModeCountsTransitionsAndServesEvents() throws Exception {
    Path fifo = mkfifo("notify.fifo");
    try (RunningExporter e =
        RunningExporter.start(
            new KeepalivedExporter(),
            "--keepalived.fifo-only",
            "--keepalived.notify-fifo=" + fifo)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                e.scrapeText();
                return e.get("/").body().contains("waiting for keepalived");
              });
      assertThat(e.scrape().valueOf("keepalived_up")).isZero();

      write(
          fifo,
          "INSTANCE \"VI_1\" BACKUP 100\nGROUP \"SG\" BACKUP 0\nINSTANCE \"VI_1\" MASTER 100\n"
              + "INSTANCE \"VI_1\" STOP 100\n");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> e.get("/events").body().contains("\"stopped\""));
      try (FileOutputStream keepOpen = new FileOutputStream(fifo.toFile())) {
        keepOpen.write("INSTANCE \"VI_1\" BACKUP 100\n".getBytes(StandardCharsets.UTF_8));
        keepOpen.flush();
        // up as soon as the FIFO is open; the state once the BACKUP line is read
        ParsedMetrics m =
            await()
                .atMost(Duration.ofSeconds(30))
                .until(
                    e::scrape,
                    s ->
                        s.value("keepalived_up").orElse(0) == 1
                            && s.value("keepalived_vrrp_instance_state", "iname", "VI_1").orElse(0)
                                == 1);
        assertThat(m.valueOf("keepalived_vrrp_instance_state", "iname", "VI_1")).isEqualTo(1);
        assertThat(m.valueOf("keepalived_vrrp_transitions_total", "from", "BACKUP", "to", "MASTER"))
            .isEqualTo(1);
        assertThat(
                m.valueOf("keepalived_vrrp_transitions_total", "to", "STOP", "reason", "stopped"))
            .isEqualTo(1);
        assertThat(
                m.valueOf(
                    "keepalived_vrrp_last_transition_info",
                    "iname",
                    "VI_1",
                    "from",
                    "STOP",
                    "to",
                    "BACKUP"))
            .isEqualTo(1);
        assertThat(m.valueOf("keepalived_vrrp_sync_group_state", "group", "SG")).isEqualTo(1);
        assertThat(m.valueOf("keepalived_notify_fifo_connected")).isEqualTo(1);
      }
      HttpResult events = e.get("/events");
      assertThat(events.status()).isEqualTo(200);
      assertThat(events.body())
          .contains("\"instance\":\"VI_1\"")
          .contains("\"reason\":\"stopped\"");
      assertThat(e.get("/").body()).contains("Recent VRRP transitions").contains("VI_1");
    }
  }

  @Test
  void severalKeepalivedFromTheConfigFileAreLabelledByTarget() throws Exception {
    Path a = mkfifo("a.fifo");
    Path b = mkfifo("b.fifo");
    Path yaml =
        Files.writeString(
            tmp.resolve("config.yml"),
            "targets:\n"
                + "  - name: ns-a\n    fifo_only: true\n    notify_fifo: "
                + a
                + "\n  - name: ns-b\n    fifo_only: true\n    notify_fifo: "
                + b
                + "\n");
    try (RunningExporter e =
        RunningExporter.start(new KeepalivedExporter(), "--config.file=" + yaml)) {
      try (FileOutputStream wa = new FileOutputStream(a.toFile());
          FileOutputStream wb = new FileOutputStream(b.toFile())) {
        wa.write("INSTANCE \"VI_1\" MASTER 100\n".getBytes(StandardCharsets.UTF_8));
        wb.write("INSTANCE \"VI_1\" BACKUP 90\n".getBytes(StandardCharsets.UTF_8));
        wa.flush();
        wb.flush();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> e.scrape().samples("keepalived_vrrp_instance_state").size() == 2);
        ParsedMetrics m = e.scrape();
        assertThat(m.valueOf("keepalived_vrrp_instance_state", "target", "ns-a")).isEqualTo(2);
        assertThat(m.valueOf("keepalived_vrrp_instance_state", "target", "ns-b")).isEqualTo(1);
        assertThat(m.valueOf("keepalived_up", "target", "ns-b")).isEqualTo(1);
      }
    }
  }

  @Test
  void invalidConfigurationStopsStartUp() {
    assertThatThrownBy(
            () -> RunningExporter.start(new KeepalivedExporter(), "--keepalived.fifo-only"))
        .hasMessageContaining("notify_fifo");
    assertThatThrownBy(
            () ->
                RunningExporter.start(
                    new KeepalivedExporter(), "--keepalived.netns=bad name; rm -rf /"))
        .hasMessageContaining("netns");
  }

  @Test
  void declaresTheMetricNamesDashboardsAndRulesRelyOn() {
    KeepalivedExporter exporter = new KeepalivedExporter();
    assertThat(exporter.defaultPort()).isEqualTo(9165);
    assertThat(exporter.metricFamilies())
        .extracting(MetricFamily::toString)
        .contains(
            "gauge keepalived_vrrp_instance_state[iname, intf, vrid]",
            "gauge keepalived_vrrp_base_priority[iname, intf, vrid]",
            "gauge keepalived_vrrp_effective_priority[iname, intf, vrid]",
            "gauge keepalived_vrrp_last_transition_timestamp_seconds[iname, intf, vrid]",
            "counter keepalived_vrrp_transitions_total[iname, vrid, from, to, reason]",
            "info keepalived_vrrp_last_transition_info[iname, vrid, from, to, reason, script]",
            "gauge keepalived_vip_present[iname, intf, vrid, ip_address]",
            "gauge keepalived_track_script_status[name]",
            "gauge keepalived_dump_age_seconds[]",
            "gauge keepalived_dump_duration_seconds[]",
            "gauge keepalived_vrrp_state[iname, intf, vrid, ip_address]",
            "counter keepalived_become_master_total[iname, intf, vrid] optional [state]",
            "counter keepalived_advertisements_received_total[iname, intf, vrid] optional [state]",
            "gauge keepalived_script_status[name]");
  }
}
