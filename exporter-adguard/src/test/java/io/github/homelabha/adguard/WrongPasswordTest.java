package io.github.homelabha.adguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.homelabha.adguard.simulator.AdGuardSimulator;
import io.github.homelabha.adguard.simulator.SimulatorOptions;
import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.RunningExporter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AdGuard Home locks a client address out after 5 failed logins. A minute of scrapes every second
 * with a wrong password must stay far below that, for session login, Basic auth (401, counted) and
 * older releases (403), while a correctly configured instance beside them keeps answering.
 */
class WrongPasswordTest {
  @TempDir Path dir;

  @Test
  void aMinuteOfScrapesEverySecondTriesTheWrongPasswordFewerThanFiveTimes() throws Exception {
    try (Instances instances = new Instances(dir)) {
      AdGuardSimulator session = instances.start(SimulatorOptions.forTests());
      AdGuardSimulator basic = instances.start(SimulatorOptions.forTests());
      AdGuardSimulator legacy =
          instances.start(SimulatorOptions.forTests().withAuthFailureStatus(403));
      AdGuardSimulator good = instances.start(SimulatorOptions.forTests());
      instances
          .add("session", session.baseUrl(), "admin", "wrong-pass-1", "")
          .add("basic", basic.baseUrl(), "admin", "wrong-pass-2", "auth: basic")
          .add("legacy", legacy.baseUrl(), "admin", "wrong-pass-3", "auth: basic")
          .add("good", good.baseUrl(), "admin", "admin", "");
      try (RunningExporter exporter =
          RunningExporter.start(new AdGuardExporter(), instances.configFlag())) {
        AtomicInteger scrapes = new AtomicInteger();
        await()
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofSeconds(1))
            .atMost(Duration.ofSeconds(240))
            .until(
                () -> {
                  ParsedMetrics m = exporter.scrape();
                  assertThat(m.valueOf("adguard_up", "target", "good")).isEqualTo(1);
                  assertThat(m.valueOf("adguard_up", "target", "session")).isZero();
                  return scrapes.incrementAndGet() >= 60;
                });
        long[] attempts = {session.failedLogins(), basic.failedLogins(), legacy.failedLogins()};
        System.out.printf(
            "wrong password, 60 scrapes at 1 s: failed logins session=%d basic=%d legacy403=%d%n",
            attempts[0], attempts[1], attempts[2]);
        for (long n : attempts) {
          assertThat(n).isBetween(1L, 4L);
        }
        ParsedMetrics m = exporter.scrape();
        assertThat(m.valueOf("adguard_scrape_errors_total", "target", "session", "reason", "auth"))
            .isEqualTo(1);
        assertThat(m.valueOf("adguard_scrape_errors_total", "target", "basic", "reason", "backoff"))
            .isGreaterThan(50);
        String landing = exporter.get("/").body();
        assertThat(landing).contains("backoff").doesNotContain("wrong-pass-");
        assertThat(exporter.logs()).doesNotContain("wrong-pass-");
      }
    }
  }
}
