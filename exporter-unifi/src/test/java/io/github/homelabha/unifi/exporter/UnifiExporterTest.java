package io.github.homelabha.unifi.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.RunningExporter;
import io.github.homelabha.unifi.simulator.SimulatorSettings;
import io.github.homelabha.unifi.simulator.UnifiSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnifiExporterTest {
  @TempDir Path dir;
  private UnifiSimulator sim;
  private Path passwordFile;

  @BeforeEach
  void start() throws Exception {
    SimulatorSettings s = new SimulatorSettings();
    s.password = "pa55word";
    s.apiKey = "the-api-key";
    sim = UnifiSimulator.start(s);
    passwordFile = Files.writeString(dir.resolve("password"), "pa55word\n");
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private RunningExporter exporter(String... extra) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--unifi.url=" + sim.baseUrl(),
                "--unifi.username=admin",
                "--unifi.password-file=" + passwordFile,
                "--unifi.tls.fingerprint=" + sim.fingerprint()));
    args.addAll(List.of(extra));
    return RunningExporter.start(new UnifiExporter(), args.toArray(String[]::new));
  }

  @Test
  void oneSeriesPerDeviceAndClientsCountedByApSsidAndBand() throws Exception {
    try (RunningExporter exporter = exporter()) {
      ParsedMetrics m = exporter.scrape();
      assertThat(m.valueOf("unifi_up", "target", "127.0.0.1")).isEqualTo(1);
      List<ParsedMetrics.Sample> up = m.samples("unifi_device_up");
      assertThat(up).hasSize(12);
      assertThat(up.stream().map(s -> s.labels().get("mac")).distinct()).hasSize(12);
      assertThat(up.get(0).labels()).containsKeys("site", "mac", "name", "type");
      assertThat(up).allMatch(s -> s.value() == 1);
      double clients =
          m.samples("unifi_clients").stream().mapToDouble(ParsedMetrics.Sample::value).sum();
      assertThat(clients).isEqualTo(60);
      assertThat(m.has("unifi_clients", "connection", "wired", "ap", "", "ssid", "", "band", ""))
          .isTrue();
      assertThat(m.valueOf("unifi_subsystem_up", "site", "default", "subsystem", "www"))
          .isEqualTo(1);
      assertThat(m.valueOf("unifi_wan_latency_seconds", "site", "default")).isEqualTo(0.009);
      assertThat(m.has("unifi_controller_info", "version", "9.0.114", "console_version", "4.1.13"))
          .isTrue();
      assertThat(m.samples("unifi_port_up")).isNotEmpty();
      assertThat(m.samples("unifi_port_poe_power_watts")).isNotEmpty();
      assertThat(m.samples("unifi_device_temperature_celsius")).isNotEmpty();
      assertThat(m.samples("unifi_radio_clients")).isNotEmpty();
      // The sessions target may be read before the controller's target logged in: scrape again.
      assertThat(
              exporter
                  .scrape()
                  .valueOf(
                      "unifi_login_attempts_total",
                      "target",
                      "sessions",
                      "controller",
                      "127.0.0.1"))
          .isEqualTo(1);
      assertThat(m.samples("unifi_client_signal_dbm"))
          .as("per-client series are off by default")
          .isEmpty();
      assertThat(exporter.scrapeText())
          .doesNotContain("pa55word")
          .doesNotContain("simulated-sso-secret");
    }
  }

  @Test
  void aDisconnectedDeviceIsZeroAndStaysOneSeries() throws Exception {
    try (RunningExporter exporter = exporter("--unifi.site=default")) {
      String ap = sim.deviceMacs("default").get(5);
      sim.setDeviceState("default", ap, 0);
      ParsedMetrics m = exporter.scrape();
      assertThat(m.samples("unifi_device_up", "mac", ap))
          .singleElement()
          .satisfies(s -> assertThat(s.value()).isZero());
      assertThat(m.has("unifi_device_uptime_seconds", "mac", ap)).isFalse();
      assertThat(m.valueOf("unifi_alarms", "site", "default")).isEqualTo(1);
    }
  }

  @Test
  void sessionExpiryMidRunCostsOneLoginAndNoFailedScrape() throws Exception {
    try (RunningExporter exporter = exporter()) {
      for (int i = 0; i < 3; i++) {
        assertThat(exporter.scrape("/probe?target=127.0.0.1").valueOf("unifi_up")).isEqualTo(1);
        sim.expireSessions();
      }
      assertThat(sim.stats().loginAttempts()).isEqualTo(3);
      // Only the sessions target: a scrape of the controller would renew the session again.
      ParsedMetrics m = exporter.scrape("/probe?target=sessions");
      assertThat(m.valueOf("unifi_session_renewals_total", "controller", "127.0.0.1")).isEqualTo(2);
    }
  }

  @Test
  void wrongPasswordIsUpZeroWithAuthReasonAndNoSecretInLogs() throws Exception {
    Files.writeString(passwordFile, "not-the-password\n");
    try (RunningExporter exporter = exporter()) {
      for (int i = 0; i < 5; i++) {
        ParsedMetrics m = exporter.scrape();
        assertThat(m.valueOf("unifi_up", "target", "127.0.0.1")).isZero();
        assertThat(m.valueOf("unifi_up", "target", "sessions")).isEqualTo(1);
      }
      ParsedMetrics m = exporter.scrape();
      assertThat(m.valueOf("unifi_scrape_errors_total", "target", "127.0.0.1", "reason", "auth"))
          .isEqualTo(1);
      assertThat(m.valueOf("unifi_login_attempts_total", "controller", "127.0.0.1")).isEqualTo(1);
      assertThat(m.valueOf("unifi_login_backoff_seconds", "controller", "127.0.0.1")).isPositive();
      assertThat(sim.stats().loginAttempts()).isEqualTo(1);
      assertThat(exporter.logs())
          .contains("check user name and password")
          .doesNotContain("not-the-password");
    }
  }

  @Test
  void apiKeyFromAFile() throws Exception {
    Path key = Files.writeString(dir.resolve("key"), "the-api-key\n");
    try (RunningExporter exporter =
        RunningExporter.start(
            new UnifiExporter(),
            "--unifi.url=" + sim.baseUrl(),
            "--unifi.api-key-file=" + key,
            "--unifi.tls.fingerprint=" + sim.fingerprint().replace(":", ""))) {
      assertThat(exporter.scrape().valueOf("unifi_up", "target", "127.0.0.1")).isEqualTo(1);
      assertThat(sim.stats().loginAttempts()).isZero();
    }
  }

  @Test
  void wrongPinIsATlsErrorAndTheControllerSeesNothing() throws Exception {
    // another first byte: a fresh certificate's fingerprint starts with 00 once in 256 runs
    String right = sim.fingerprint();
    String wrong = (right.startsWith("00") ? "11" : "00") + right.substring(2);
    try (RunningExporter exporter =
        RunningExporter.start(
            new UnifiExporter(),
            "--unifi.url=" + sim.baseUrl(),
            "--unifi.username=admin",
            "--unifi.password-file=" + passwordFile,
            "--unifi.tls.fingerprint=" + wrong)) {
      ParsedMetrics m = exporter.scrape();
      assertThat(m.valueOf("unifi_up", "target", "127.0.0.1")).isZero();
      assertThat(m.valueOf("unifi_scrape_errors_total", "target", "127.0.0.1", "reason", "tls"))
          .isEqualTo(1);
      assertThat(sim.stats().requests()).isZero();
    }
  }

  @Test
  void garbageFromTheControllerIsUpZeroNeverStaleData() throws Exception {
    try (RunningExporter exporter = exporter()) {
      assertThat(exporter.scrape().samples("unifi_device_up")).hasSize(12);
      sim.settings().garbageRatio = 1.0;
      ParsedMetrics m = exporter.scrape("/probe?target=127.0.0.1");
      assertThat(m.valueOf("unifi_up")).isZero();
      assertThat(m.samples("unifi_device_up")).isEmpty();
    }
  }

  @Test
  void configFileWithSeveralControllersAndNodePorts() throws Exception {
    SimulatorSettings classic = new SimulatorSettings();
    classic.mode = SimulatorSettings.Mode.CLASSIC;
    classic.password = "pa55word";
    try (UnifiSimulator second = UnifiSimulator.start(classic)) {
      String sw = sim.deviceMacs("default").get(1);
      Path config =
          Files.writeString(
              dir.resolve("unifi.yml"),
              String.join(
                  "\n",
                  "controllers:",
                  "  - name: home",
                  "    url: " + sim.baseUrl(),
                  "    sites: [default]",
                  "    username: admin",
                  "    password_file: " + passwordFile,
                  "    min_interval: 0s",
                  "    tls_config:",
                  "      pinned_sha256: \"" + sim.fingerprint() + "\"",
                  "    per_client:",
                  "      enabled: true",
                  "      max: 5",
                  "    node_ports:",
                  "      - {node: pi1, device: " + sw + ", port: 1}",
                  "  - name: office",
                  "    url: " + second.baseUrl(),
                  "    platform: classic",
                  "    username: admin",
                  "    password_file: " + passwordFile,
                  "    tls_config:",
                  "      pinned_sha256: \"" + second.fingerprint() + "\"",
                  ""));
      try (RunningExporter exporter =
          RunningExporter.start(new UnifiExporter(), "--config.file=" + config)) {
        ParsedMetrics m = exporter.scrape();
        assertThat(m.valueOf("unifi_up", "target", "home")).isEqualTo(1);
        assertThat(m.valueOf("unifi_up", "target", "office")).isEqualTo(1);
        assertThat(m.samples("unifi_client_info", "target", "home")).hasSize(5);
        assertThat(m.valueOf("unifi_client_series_omitted", "target", "home")).isEqualTo(55);
        assertThat(m.has("unifi_node_port_info", "mac", sw, "port", "1", "host", "pi1")).isTrue();
        Map<String, Long> devicesByTarget =
            m.samples("unifi_device_up").stream()
                .collect(
                    Collectors.groupingBy(s -> s.labels().get("target"), Collectors.counting()));
        assertThat(devicesByTarget).containsEntry("home", 12L).containsEntry("office", 12L);
      }
    }
  }

  @Test
  void startupListsConfigurationProblems() {
    assertThatThrownBy(
            () ->
                RunningExporter.start(
                    new UnifiExporter(),
                    "--unifi.url=" + sim.baseUrl(),
                    "--unifi.username=admin",
                    "--unifi.tls.fingerprint=AA:BB"))
        .hasMessageContaining("unifi.password")
        .hasMessageContaining("--unifi.tls.fingerprint");
  }
}
