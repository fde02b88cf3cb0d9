package io.github.homelabha.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceCommandTest {
  @Test
  void expandsVariablesIntoWordsOrIntoOneArgumentAsSystemdDoes() {
    Map<String, String> env = Map.of("ARGS", "--a=1  --b=2", "ONE", "x y");
    assertThat(ServiceCommand.expand("/usr/bin/p --c $ARGS ${ONE} $UNSET", env))
        .containsExactly("/usr/bin/p", "--c", "--a=1", "--b=2", "x y");
  }

  @Test
  void refusesQuotedCommandLinesItWouldSplitWrongly() {
    assertThatThrownBy(() -> ServiceCommand.expand("/bin/sh -c 'a b'", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void runsAsTheUnitsUserWithExactlyItsCapabilities() {
    UnitFile unit =
        UnitFile.parse(
            Path.of("k.service"),
            List.of(
                "[Service]",
                "User=ha-exporters",
                "Group=ha-exporters",
                "CacheDirectory=ha-exporters",
                "StateDirectory=ha-exporters",
                "NoNewPrivileges=yes",
                "AmbientCapabilities=CAP_KILL CAP_DAC_READ_SEARCH",
                "CapabilityBoundingSet=CAP_KILL CAP_DAC_READ_SEARCH",
                "Environment=A=1",
                "ExecStart=/usr/bin/k --config.file=/etc/k.yml $ARGS"));
    List<String> command =
        ServiceCommand.of(unit, Path.of("/run/k"), Map.of("B", "2"), List.of("--extra"));
    assertThat(command)
        .startsWith("env", "-i")
        .contains(
            "CACHE_DIRECTORY=/var/cache/ha-exporters",
            "RUNTIME_DIRECTORY=/run/k",
            "A=1",
            "B=2",
            "--reuid=ha-exporters",
            "--no-new-privs",
            "--bounding-set=-all,+kill,+dac_read_search",
            "--ambient-caps=+kill,+dac_read_search")
        .endsWith("--", "/usr/bin/k", "--config.file=/etc/k.yml", "--extra");
  }
}
