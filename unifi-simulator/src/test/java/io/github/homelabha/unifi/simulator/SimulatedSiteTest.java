package io.github.homelabha.unifi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class SimulatedSiteTest {
  @Test
  void devicesHaveTheShapesRealControllersSend() {
    SimulatedSite site = new SimulatedSite("id", "default", "Default", 12, 60, true, 1);
    JsonNode devices = site.devicesJson();
    assertThat(devices).hasSize(12);
    JsonNode gateway = devices.get(0);
    assertThat(gateway.path("type").asText()).isEqualTo("udm");
    assertThat(gateway.path("system-stats").path("cpu").isTextual()).isTrue();
    assertThat(gateway.path("temperatures")).isNotEmpty();
    JsonNode sw = devices.get(1);
    assertThat(sw.path("port_table").get(0).path("poe_power").isTextual()).isTrue();
    assertThat(site.clientsJson()).hasSize(60);
    assertThat(site.healthJson()).hasSize(5);
  }

  @Test
  void aDisconnectedDeviceDropsItsClientsAndRaisesAnAlarm() {
    SimulatedSite site = new SimulatedSite("id", "default", "Default", 12, 60, false, 1);
    SimulatedSite.SimDevice ap = site.devices.get(site.devices.size() - 1);
    int before = site.clientsJson().size();
    ap.state = 0;
    assertThat(site.clientsJson().size()).isLessThan(before);
    assertThat(site.alarmsJson()).hasSize(1);
  }
}
