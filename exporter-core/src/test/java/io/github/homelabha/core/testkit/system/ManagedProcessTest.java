package io.github.homelabha.core.testkit.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresBinaries({"sleep", "sh", "kill"})
class ManagedProcessTest {
  @TempDir Path tempDir;

  @Test
  void startsAProcessAndStopsItWithTerm() {
    try (ManagedProcess sleep =
        ManagedProcess.start(List.of("sleep", "30"), tempDir.resolve("sleep.log"))) {
      assertThat(sleep.isAlive()).isTrue();
      assertThat(sleep.pid()).isPositive();

      int exitCode = sleep.stop(Duration.ofSeconds(5));

      assertThat(sleep.isAlive()).isFalse();
      assertThat(exitCode).isEqualTo(128 + 15); // died of SIGTERM
    }
  }

  @Test
  void killsAProcessThatIgnoresTermAfterTheGracePeriodTogetherWithItsChildren() {
    // sh ignores TERM and so does the sleep it forks (ignored signals are inherited).
    ManagedProcess stubborn =
        ManagedProcess.start(
            List.of("sh", "-c", "trap '' TERM; sleep 30 & echo started; wait"),
            tempDir.resolve("stubborn.log"));
    await().atMost(Duration.ofSeconds(5)).until(() -> stubborn.logText().contains("started"));
    List<ProcessHandle> children =
        ProcessHandle.of(stubborn.pid()).orElseThrow().children().toList();
    assertThat(children).isNotEmpty();

    long before = System.nanoTime();
    int exitCode = stubborn.stop(Duration.ofMillis(300));
    Duration took = Duration.ofNanos(System.nanoTime() - before);

    assertThat(exitCode).isEqualTo(128 + 9); // SIGKILL
    assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
  }

  @Test
  void signalsReachTheProcessAndItsOutputLandsInTheLog() {
    Path log = tempDir.resolve("logs/usr1.log");
    // USR1, not HUP: a shell cannot trap a signal that was ignored when it started, and a test
    // run started under nohup passes HUP on ignored.
    try (ManagedProcess process =
        ManagedProcess.start(
            List.of(
                "sh",
                "-c",
                "trap 'echo got USR1; exit 3' USR1; echo ready; echo oops >&2;"
                    + " while true; do sleep 0.1; done"),
            log)) {
      await().atMost(Duration.ofSeconds(5)).until(() -> process.logText().contains("ready"));

      process.signal("USR1");

      assertThat(process.awaitExit(Duration.ofSeconds(5))).hasValue(3);
      assertThat(process.logText()).contains("ready", "oops", "got USR1");
      assertThat(process.logFile()).isEqualTo(log);
    }
  }

  @Test
  void refusesToSignalAnExitedProcessOrABadSignalName() {
    ManagedProcess done =
        ManagedProcess.start(List.of("sh", "-c", "exit 0"), tempDir.resolve("done.log"));
    assertThat(done.awaitExit(Duration.ofSeconds(5))).hasValue(0);

    assertThatThrownBy(() -> done.signal("TERM"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has exited");
    assertThatThrownBy(() -> done.signal("-9; rm")).isInstanceOf(IllegalArgumentException.class);
    assertThat(done.logText()).isEmpty();
  }

  @Test
  void closeIsIdempotent() {
    ManagedProcess sleep = ManagedProcess.start(List.of("sleep", "30"), tempDir.resolve("s.log"));
    sleep.close();
    sleep.close();
    assertThat(sleep.isAlive()).isFalse();
  }
}
