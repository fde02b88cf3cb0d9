package io.github.homelabha.unifi.client.json;

import static io.github.homelabha.unifi.client.ReferenceSamples.enveloped;
import static io.github.homelabha.unifi.client.ReferenceSamples.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.unifi.client.UnifiException;
import io.github.homelabha.unifi.client.model.Client;
import io.github.homelabha.unifi.client.model.Device;
import io.github.homelabha.unifi.client.model.Event;
import io.github.homelabha.unifi.client.model.HealthSubsystem;
import io.github.homelabha.unifi.client.model.Site;
import io.github.homelabha.unifi.client.model.SysInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceSamplesParseTest {

  @Test
  void devicesOfEveryKindWithNumbersSentAsStrings() throws Exception {
    List<Device> devices = Envelope.rows(read("aiounifi/stat_device.json"), ModelMapper::device);
    assertThat(devices).hasSize(8);
    assertThat(devices).extracting(Device::type).contains("uap", "ugw", "usw");
    Device gateway = devices.stream().filter(Device::isGateway).findFirst().orElseThrow();
    assertThat(gateway.temperatures()).extracting(Device.Temperature::celsius).contains(66.0);
    Device poeSwitch =
        devices.stream().filter(d -> d.model().equals("US16P150")).findFirst().orElseThrow();
    assertThat(poeSwitch.ports()).isNotEmpty();
    assertThat(poeSwitch.ports().stream().filter(Device.Port::poe).map(Device.Port::poePowerWatts))
        .allMatch(w -> !w.isNaN());
    Device mini =
        devices.stream().filter(d -> d.model().equals("USMINI")).findFirst().orElseThrow();
    assertThat(mini.cpuPercent()).isNaN();
  }

  @Test
  void unpollerDeviceExamples() throws Exception {
    Device usw =
        Envelope.rows(enveloped("unpoller-unifi/examples_usw.json"), ModelMapper::device).get(0);
    assertThat(usw.cpuPercent()).isEqualTo(59.3);
    assertThat(usw.load1()).isEqualTo(1.83);
    assertThat(usw.connected()).isTrue();
    assertThat(usw.ports().get(0).speedMbps()).isEqualTo(100);
    Device uap =
        Envelope.rows(enveloped("unpoller-unifi/examples_uap.json"), ModelMapper::device).get(0);
    assertThat(uap.radios()).extracting(Device.Radio::band).contains("ng", "na");
    assertThat(uap.vaps()).isNotEmpty();
    Device ugw =
        Envelope.rows(enveloped("unpoller-unifi/examples_ugw.json"), ModelMapper::device).get(0);
    assertThat(ugw.wan()).isNotNull();
    assertThat(ugw.wan().up()).isTrue();
    Device pdu =
        Envelope.rows(enveloped("unpoller-unifi/examples_pdu.json"), ModelMapper::device).get(0);
    assertThat(pdu.type()).isEqualTo("usw");
  }

  @Test
  void wiredClientsCountBytesUnderHyphenatedKeys() throws Exception {
    List<Client> clients = Envelope.rows(read("aiounifi/stat_sta.json"), ModelMapper::client);
    Client wired = clients.stream().filter(Client::wired).findFirst().orElseThrow();
    assertThat(wired.rxBytes()).isZero();
    assertThat(wired.switchPort()).isEqualTo(3);
    Client wireless = clients.stream().filter(c -> !c.wired()).findFirst().orElseThrow();
    assertThat(wireless.signalDbm()).isEqualTo(-61);
    assertThat(wireless.essid()).isEqualTo("SSID");
    assertThat(wireless.band()).isEqualTo("na");
    assertThat(wireless.displayName()).isEqualTo("Client 1");
  }

  @Test
  void healthRowsWithNullsAndErrors() throws Exception {
    List<HealthSubsystem> rows =
        Envelope.rows(read("unpoller-unifi/endpoints_data_stat-health.json"), ModelMapper::health);
    assertThat(rows)
        .extracting(HealthSubsystem::subsystem)
        .containsExactly("wlan", "wan", "www", "lan", "vpn");
    HealthSubsystem www = rows.get(2);
    assertThat(www.latencyMs()).isEqualTo(9);
    assertThat(www.speedtestUpMbps()).isEqualTo(1017.0);
    assertThat(rows.get(4).ok()).isFalse();
  }

  @Test
  void sitesSysinfoAndEvents() throws Exception {
    Site site = Envelope.rows(read("aiounifi/self_sites.json"), ModelMapper::site).get(0);
    assertThat(site.name()).isEqualTo("default");
    assertThat(site.description()).isEqualTo("Default");
    SysInfo info = Envelope.rows(read("aiounifi/stat_sysinfo.json"), ModelMapper::sysinfo).get(0);
    assertThat(info.version()).isEqualTo("7.4.162");
    assertThat(info.consoleVersion()).isEqualTo("3.1.15");
    assertThat(info.toString()).doesNotContain("sso");
    List<Event> events =
        Envelope.rows(enveloped("unpoller-unifi/examples_events.json"), ModelMapper::event);
    assertThat(events.get(0).key()).isEqualTo("EVT_WU_Connected");
    assertThat(events.get(0).timeMillis()).isEqualTo(1592386923851L);
  }

  @Test
  void errorBodiesBecomeClearExceptions() {
    assertThatThrownBy(() -> Envelope.rows(read("errors/login_required.json"), n -> n))
        .isInstanceOf(Envelope.LoginRequiredException.class);
    assertThatThrownBy(() -> Envelope.rows(read("errors/ubic_2fa_token_required.json"), n -> n))
        .isInstanceOfSatisfying(
            UnifiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(UnifiException.Kind.TWO_FACTOR);
              assertThat(e.getMessage()).contains("API key").doesNotContain("mfa_cookie");
            });
    assertThat(ErrorBodies.code(read("errors/unifios_login_rate_limited_429.json")))
        .isEqualTo("AUTHENTICATION_FAILED_LIMIT_REACHED");
    assertThat(ErrorBodies.code(read("errors/integration_v1_missing_credentials_401.json")))
        .isEqualTo("api.authentication.missing-credentials");
  }

  @Test
  void numbersAsStringsAndMissingFieldsAreTolerated() throws Exception {
    byte[] body =
        ("{\"meta\":{\"rc\":\"OK\"},\"data\":[{\"mac\":\"AA:BB:CC:00:11:22\",\"state\":\"1\","
                + "\"system-stats\":{\"cpu\":\" 12.5 \",\"mem\":\"n/a\"},\"unknown\":{\"x\":[1]},"
                + "\"port_table\":[{\"port_idx\":\"2\",\"up\":1,\"speed\":\"1000\"},{\"name\":\"no index\"}]}]}")
            .getBytes();
    Device d = Envelope.rows(body, ModelMapper::device).get(0);
    assertThat(d.mac()).isEqualTo("aa:bb:cc:00:11:22");
    assertThat(d.connected()).isTrue();
    assertThat(d.cpuPercent()).isEqualTo(12.5);
    assertThat(d.memoryPercent()).isNaN();
    assertThat(d.name()).isEmpty();
    assertThat(d.ports())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.index()).isEqualTo(2);
              assertThat(p.up()).isTrue();
              assertThat(p.speedMbps()).isEqualTo(1000);
              assertThat(p.poePowerWatts()).isNaN();
            });
  }

  @Test
  void otherShapesAreParseErrors() {
    for (String body :
        List.of(
            "[]",
            "{\"data\":[]}",
            "{\"meta\":{\"rc\":\"ok\"},\"data\":{}}",
            "{\"meta\":{\"rc\":\"ok\"},\"data\":[1]}",
            "<html>",
            "")) {
      assertThatThrownBy(() -> Envelope.rows(body.getBytes(), ModelMapper::device))
          .as(body)
          .isInstanceOf(io.github.homelabha.unifi.client.UnifiParseException.class);
    }
  }
}
