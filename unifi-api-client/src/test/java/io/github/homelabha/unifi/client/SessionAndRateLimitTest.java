package io.github.homelabha.unifi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.unifi.client.tls.TlsOptions;
import io.github.homelabha.unifi.simulator.SimulatorSettings;
import io.github.homelabha.unifi.simulator.UnifiSimulator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionAndRateLimitTest {

  @Test
  void expiredSessionIsRenewedOnceAndTheRequestRetried() throws Exception {
    SimulatorSettings s = new SimulatorSettings();
    try (UnifiSimulator sim = UnifiSimulator.start(s);
        UnifiClient unifi =
            UnifiClient.builder(sim.baseUrl())
                .tls(TlsOptions.pinned(sim.fingerprint()))
                .credentials("admin", "password")
                .build()) {
      assertThat(unifi.devices("default")).isNotEmpty();
      sim.expireSessions();
      assertThat(unifi.devices("default")).isNotEmpty();
      assertThat(unifi.clients("default")).isNotEmpty();
      assertThat(unifi.stats().sessionRenewals()).isEqualTo(1);
      assertThat(sim.stats().loginAttempts()).isEqualTo(2);
      assertThat(sim.stats().unauthorized()).isEqualTo(1);
    }
  }

  @Test
  void aStormOf429CausesNoLoginStorm() throws Exception {
    SimulatorSettings s = new SimulatorSettings();
    s.loginsPerMinute = 2;
    s.retryAfterSeconds = 120;
    MutableClock clock = new MutableClock();
    try (UnifiSimulator sim = UnifiSimulator.start(s);
        UnifiClient unifi =
            UnifiClient.builder(sim.baseUrl())
                .tls(TlsOptions.pinned(sim.fingerprint()))
                .credentials("admin", "password")
                .clock(clock)
                .build()) {
      int rateLimited = 0;
      for (int i = 0; i < 100; i++) {
        sim.expireSessions();
        try {
          unifi.health("default");
        } catch (UnifiRateLimitedException e) {
          rateLimited++;
          assertThat(e.retryAt()).isAfter(clock.instant());
        }
      }
      // Two logins allowed, one answered 429; every later call failed without a login.
      assertThat(sim.stats().loginAttempts()).isEqualTo(3);
      assertThat(sim.stats().rateLimited()).isEqualTo(1);
      assertThat(rateLimited).isEqualTo(98);
      assertThat(unifi.stats().loginPausedUntil())
          .isEqualTo(clock.instant().plus(Duration.ofSeconds(120)));

      clock.advance(Duration.ofSeconds(121));
      // The simulator's own minute has not passed: the next login is refused again, and the
      // back-off honours Retry-After (120 s) over the doubled default (60 s).
      assertThatThrownBy(() -> unifi.health("default"))
          .isInstanceOf(UnifiRateLimitedException.class);
      assertThat(sim.stats().loginAttempts()).isEqualTo(4);
      Instant pausedUntil = unifi.stats().loginPausedUntil();
      assertThat(pausedUntil).isEqualTo(clock.instant().plus(Duration.ofSeconds(120)));
    }
  }

  @Test
  void withoutRetryAfterTheBackOffDoubles() throws Exception {
    SimulatorSettings s = new SimulatorSettings();
    s.loginsPerMinute = 0;
    s.retryAfterSeconds = 0;
    MutableClock clock = new MutableClock();
    try (UnifiSimulator sim = UnifiSimulator.start(s);
        UnifiClient unifi =
            UnifiClient.builder(sim.baseUrl())
                .tls(TlsOptions.pinned(sim.fingerprint()))
                .credentials("admin", "password")
                .clock(clock)
                .build()) {
      long[] expected = {30, 60, 120, 240, 300, 300};
      for (long seconds : expected) {
        Instant before = clock.instant();
        assertThatThrownBy(() -> unifi.sites()).isInstanceOf(UnifiRateLimitedException.class);
        assertThat(unifi.stats().loginPausedUntil()).isEqualTo(before.plusSeconds(seconds));
        clock.advance(Duration.ofSeconds(seconds));
      }
      assertThat(sim.stats().loginAttempts()).isEqualTo(expected.length);
    }
  }
}
