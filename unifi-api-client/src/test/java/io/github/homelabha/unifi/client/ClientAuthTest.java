package io.github.homelabha.unifi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.unifi.client.model.Device;
import io.github.homelabha.unifi.client.tls.TlsOptions;
import io.github.homelabha.unifi.simulator.SimulatorSettings;
import io.github.homelabha.unifi.simulator.UnifiSimulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each way of logging in, against the simulator over HTTPS with its pinned certificate. */
class ClientAuthTest {

  static UnifiSimulator simulator(SimulatorSettings.Mode mode) throws Exception {
    SimulatorSettings s = new SimulatorSettings();
    s.mode = mode;
    s.apiKey = "sim-api-key";
    s.password = "s3cret pass\"word";
    return UnifiSimulator.start(s);
  }

  static UnifiClient.Builder client(UnifiSimulator sim) {
    return UnifiClient.builder(sim.baseUrl()).tls(TlsOptions.pinned(sim.fingerprint()));
  }

  @Test
  void classicControllerIsDetectedAndLoggedIntoOnce() throws Exception {
    try (UnifiSimulator sim = simulator(SimulatorSettings.Mode.CLASSIC)) {
      try (UnifiClient unifi = client(sim).credentials("admin", "s3cret pass\"word").build()) {
        assertThat(unifi.sites()).extracting(s -> s.name()).containsExactly("default");
        for (int i = 0; i < 5; i++) {
          assertThat(unifi.devices("default")).hasSize(12);
          assertThat(unifi.clients("default")).isNotEmpty();
          assertThat(unifi.events("default", Duration.ofHours(1), 10)).isNotEmpty();
        }
        assertThat(unifi.platform()).isEqualTo(Platform.CLASSIC);
        assertThat(unifi.stats().loginAttempts()).isEqualTo(1);
      }
      assertThat(sim.stats().loginAttempts()).isEqualTo(1);
      assertThat(sim.stats().logouts()).as("close() logs out").isEqualTo(1);
    }
  }

  @Test
  void unifiOsConsoleFollowsTheRotatingCsrfToken() throws Exception {
    try (UnifiSimulator sim = simulator(SimulatorSettings.Mode.UNIFI_OS)) {
      sim.settings().csrfRotateEvery = 3;
      try (UnifiClient unifi = client(sim).credentials("admin", "s3cret pass\"word").build()) {
        for (int i = 0; i < 10; i++) {
          // stat/event is a POST: the console checks the CSRF token on it.
          assertThat(unifi.events("default", Duration.ofHours(1), 5)).isNotEmpty();
          assertThat(unifi.health("default")).isNotEmpty();
        }
        assertThat(unifi.platform()).isEqualTo(Platform.UNIFI_OS);
        assertThat(unifi.sysinfo("default").version()).isEqualTo("9.0.114");
      }
      assertThat(sim.stats().csrfRejected()).isZero();
      assertThat(sim.stats().loginAttempts()).isEqualTo(1);
      assertThat(sim.stats().logouts()).isEqualTo(1);
    }
  }

  @Test
  void apiKeyNeedsNoLoginAtAll() throws Exception {
    try (UnifiSimulator sim = simulator(SimulatorSettings.Mode.UNIFI_OS);
        UnifiClient unifi = client(sim).apiKey("sim-api-key").build()) {
      assertThat(unifi.devices("default")).extracting(Device::type).contains("udm", "usw", "uap");
      assertThat(sim.stats().loginAttempts()).isZero();
    }
  }

  @Test
  void wrongApiKeyIsAnAuthError() throws Exception {
    try (UnifiSimulator sim = simulator(SimulatorSettings.Mode.UNIFI_OS);
        UnifiClient unifi = client(sim).apiKey("wrong").build()) {
      assertThatThrownBy(() -> unifi.devices("default"))
          .isInstanceOfSatisfying(
              UnifiException.class, e -> assertThat(e.kind()).isEqualTo(UnifiException.Kind.AUTH));
    }
  }

  @Test
  void wrongPasswordPausesLoginsInsteadOfRetryingAtEveryCall() throws Exception {
    MutableClock clock = new MutableClock();
    try (UnifiSimulator sim = simulator(SimulatorSettings.Mode.UNIFI_OS);
        UnifiClient unifi = client(sim).credentials("admin", "wrong").clock(clock).build()) {
      assertThatThrownBy(() -> unifi.devices("default"))
          .isInstanceOfSatisfying(
              UnifiException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(UnifiException.Kind.AUTH);
                assertThat(e.getMessage()).contains("admin").doesNotContain("wrong");
              });
      for (int i = 0; i < 10; i++) {
        assertThatThrownBy(() -> unifi.devices("default"))
            .isInstanceOf(UnifiRateLimitedException.class);
      }
      assertThat(sim.stats().loginAttempts()).isEqualTo(1);
      clock.advance(Duration.ofSeconds(31));
      assertThatThrownBy(() -> unifi.devices("default")).isInstanceOf(UnifiException.class);
      assertThat(sim.stats().loginAttempts()).isEqualTo(2);
    }
  }

  @Test
  void explicitPlatformSkipsTheProbe() throws Exception {
    try (UnifiSimulator sim = simulator(SimulatorSettings.Mode.UNIFI_OS);
        UnifiClient unifi =
            client(sim)
                .platform(Platform.UNIFI_OS)
                .credentials("admin", "s3cret pass\"word")
                .build()) {
      unifi.sites();
      // login + sites, no GET /
      assertThat(sim.stats().requests()).isEqualTo(2);
    }
  }

  @Test
  void oversizedAnswersAreRefused() throws Exception {
    try (UnifiSimulator sim = simulator(SimulatorSettings.Mode.UNIFI_OS);
        UnifiClient unifi = client(sim).apiKey("sim-api-key").maxResponseBytes(100_000).build()) {
      assertThat(unifi.sites()).isNotEmpty();
      sim.settings().paddingBytes = 200_000;
      assertThatThrownBy(() -> unifi.sites())
          .isInstanceOfSatisfying(
              UnifiException.class,
              e -> assertThat(e.kind()).isEqualTo(UnifiException.Kind.TOO_LARGE));
    }
  }

  @Test
  void garbageAnswersAreParseErrors() throws Exception {
    try (UnifiSimulator sim = simulator(SimulatorSettings.Mode.UNIFI_OS);
        UnifiClient unifi = client(sim).apiKey("sim-api-key").build()) {
      sim.settings().garbageRatio = 1.0;
      assertThatThrownBy(() -> unifi.devices("default")).isInstanceOf(UnifiParseException.class);
    }
  }

  @Test
  void unknownSiteIsNotFound() throws Exception {
    try (UnifiSimulator sim = simulator(SimulatorSettings.Mode.CLASSIC);
        UnifiClient unifi = client(sim).credentials("admin", "s3cret pass\"word").build()) {
      assertThatThrownBy(() -> unifi.devices("nope"))
          .isInstanceOfSatisfying(
              UnifiException.class,
              e -> assertThat(e.kind()).isEqualTo(UnifiException.Kind.NOT_FOUND));
    }
  }
}
