package io.github.homelabha.core.testkit.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.testkit.system.SystemRequirements.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemRequirementsTest {

  @Test
  void runsWhenEverythingIsThere() {
    assertThat(SystemRequirements.judge(true, true, List.of(), true).action())
        .isEqualTo(Action.RUN);
    assertThat(SystemRequirements.judge(false, false, List.of(), true).action())
        .isEqualTo(Action.RUN);
  }

  @Test
  void skipsOnADeveloperMachineSayingWhatIsMissingAndHowToRun() {
    SystemRequirements.Verdict verdict =
        SystemRequirements.judge(true, false, List.of("keepalived"), false);

    assertThat(verdict.action()).isEqualTo(Action.SKIP);
    assertThat(verdict.message())
        .contains("needs root", "keepalived", "sudo ./run-tests.sh", "CI=true");
  }

  @Test
  void failsUnderCiInsteadOfSkipping() {
    SystemRequirements.Verdict verdict =
        SystemRequirements.judge(false, false, List.of("lsyncd", "rclone"), true);

    assertThat(verdict.action()).isEqualTo(Action.FAIL);
    assertThat(verdict.message()).contains("CI=true", "[lsyncd, rclone]");
  }

  @Test
  void findsProgramsInSbinEvenWhenPathLacksIt() {
    assertThat(Binaries.locate("sh")).isPresent();
    assertThat(Binaries.locate("surely-not-a-program-here")).isEmpty();
    assertThat(Binaries.locate("/bin/sh")).isPresent();
    assertThat(SystemRequirements.missing("sh", "surely-not-a-program-here"))
        .containsExactly("surely-not-a-program-here");
  }
}
