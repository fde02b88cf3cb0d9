package io.github.homelabha.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnitFileTest {
  private static final Path PATH = Path.of("test.service");

  @Test
  void repeatedKeysAccumulateAndAnEmptyAssignmentResetsThemAsInSystemd() {
    UnitFile unit =
        UnitFile.parse(
            PATH,
            List.of(
                "[Service]",
                "# comment",
                "AmbientCapabilities=CAP_KILL",
                "AmbientCapabilities=CAP_DAC_READ_SEARCH",
                "CapabilityBoundingSet=CAP_KILL",
                "CapabilityBoundingSet=",
                "ExecStart=/usr/bin/x \\",
                "  --flag $ARGS"));
    assertThat(unit.words("Service.AmbientCapabilities"))
        .containsExactly("CAP_KILL", "CAP_DAC_READ_SEARCH");
    assertThat(unit.words("Service.CapabilityBoundingSet")).isEmpty();
    assertThat(unit.value("Service.ExecStart")).isEqualTo("/usr/bin/x --flag $ARGS");
    assertThat(unit.values("Unit.Description")).isEmpty();
  }

  @Test
  void aLineThatIsNoSettingIsAnError() {
    assertThatThrownBy(() -> UnitFile.parse(PATH, List.of("[Service]", "garbage")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("garbage");
  }
}
