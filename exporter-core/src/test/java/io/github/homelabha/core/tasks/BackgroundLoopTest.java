package io.github.homelabha.core.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundLoopTest {

  @Test
  void runsAtAFixedRateUntilStopped() {
    AtomicInteger runs = new AtomicInteger();
    BackgroundLoop loop =
        BackgroundLoop.fixedRate("test-rate", Duration.ofMillis(20), runs::incrementAndGet);
    loop.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
    loop.stop();
    assertThat(loop.isRunning()).isFalse();
    int after = runs.get();
    // stop() joined the thread: nothing runs any more
    assertThat(runs.get()).isEqualTo(after);
  }

  @Test
  void aFailingRunIsLoggedAndTheLoopGoesOn() {
    AtomicInteger runs = new AtomicInteger();
    BackgroundLoop loop =
        BackgroundLoop.withPause(
            "test-failing",
            () -> {
              if (runs.incrementAndGet() % 2 == 1) {
                throw new IllegalStateException("odd run");
              }
              return Duration.ofMillis(5);
            },
            Duration.ofMillis(5));
    loop.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 6);
    loop.stop();
    assertThat(loop.isRunning()).isFalse();
  }

  @Test
  void stopEndsALongPauseAndAnInterruptibleRun() {
    BackgroundLoop sleeper =
        BackgroundLoop.withPause("test-pause", () -> Duration.ofHours(1), Duration.ofHours(1));
    sleeper.start();
    await().until(sleeper::isRunning);
    sleeper.stop();
    assertThat(sleeper.isRunning()).isFalse();

    BackgroundLoop blocked =
        BackgroundLoop.withPause(
                "test-blocked",
                () -> {
                  Thread.sleep(3_600_000);
                  return Duration.ZERO;
                },
                Duration.ZERO)
            .lowPriority();
    blocked.start();
    blocked.stop();
    assertThat(blocked.isRunning()).isFalse();
  }

  @Test
  void threadsAreNamedDaemons() {
    Thread t = DaemonThreads.named("sync-tree-scanner").newThread(() -> {});
    assertThat(t.getName()).isEqualTo("sync-tree-scanner-1");
    assertThat(t.isDaemon()).isTrue();
  }
}
