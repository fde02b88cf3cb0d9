package io.github.homelabha.unifi.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.unifi.client.model.Device;
import io.github.homelabha.unifi.client.tls.TlsOptions;
import io.github.homelabha.unifi.simulator.SimulatorSettings;
import io.github.homelabha.unifi.simulator.UnifiSimulator;
import org.junit.jupiter.api.Test;

class ScaleTest {
  @Test
  void aSiteWith200DevicesAnd2000Clients() throws Exception {
    SimulatorSettings s = new SimulatorSettings();
    s.devices = 200;
    s.clients = 2000;
    try (UnifiSimulator sim = UnifiSimulator.start(s);
        UnifiClient unifi =
            UnifiClient.builder(sim.baseUrl())
                .tls(TlsOptions.pinned(sim.fingerprint()))
                .credentials("admin", "password")
                .build()) {
      assertThat(unifi.devices("default")).hasSize(200).allMatch(Device::connected);
      assertThat(unifi.clients("default")).hasSize(2000);
      assertThat(sim.stats().loginAttempts()).isEqualTo(1);
    }
  }
}
