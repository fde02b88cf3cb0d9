package io.github.homelabha.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.testkit.system.Commands;
import io.github.homelabha.core.testkit.system.ProcessResult;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd units of the built {@code ha-exporters} package, unpacked (no root needed): {@code
 * systemd-analyze verify} accepts them, each grants exactly the capabilities its exporter needs,
 * and {@code systemd-analyze security --offline=true} rates each one; the exposure scores are
 * printed.
 */
@RequiresBinaries({"dpkg-deb", "systemd-analyze"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SystemdUnitsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern EXPOSURE =
      Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+) (\\S+)");

  @TempDir static Path work;
  private Path unpacked;
  private List<Path> units;

  @BeforeAll
  void unpack() throws IOException {
    unpacked = work.resolve("root");
    Commands.run(
            TIMEOUT,
            List.of(
                "dpkg-deb",
                "-x",
                BuiltPackages.deb(BuiltPackages.EXPORTERS).toString(),
                unpacked.toString()))
        .orThrow(List.of("dpkg-deb", "-x"));
    try (Stream<Path> files = Files.list(unpacked.resolve("lib/systemd/system"))) {
      units = files.filter(p -> p.toString().endsWith(".service")).sorted().toList();
    }
    assertThat(units).hasSize(5);
  }

  @Test
  void systemdAnalyzeVerifyAcceptsEveryUnit() throws IOException {
    // verify also checks that ExecStart's program exists: point it at the unpacked package
    Path copies = Files.createDirectories(work.resolve("verify"));
    for (Path unit : units) {
      Path copy = copies.resolve(unit.getFileName());
      Files.writeString(
          copy,
          Files.readString(unit)
              .replace("ExecStart=/usr/bin/", "ExecStart=" + unpacked.resolve("usr/bin") + "/"));
      List<String> command = List.of("systemd-analyze", "verify", "--man=no", copy.toString());
      ProcessResult result = Commands.run(TIMEOUT, command);
      assertThat(result.exitCode()).as(unit.getFileName() + ": " + result.stderr()).isZero();
      assertThat(result.stderr()).as(unit.getFileName().toString()).isBlank();
    }
  }

  @Test
  void onlyTheUnitsRunningTheKeepalivedExporterHoldCapabilities() {
    for (Path unit : units) {
      UnitFile file = UnitFile.read(unit);
      String name = unit.getFileName().toString();
      boolean keepalived =
          name.equals("ha-exporters.service") || name.equals("ha-keepalived-exporter.service");
      List<String> expected = keepalived ? List.of("CAP_KILL", "CAP_DAC_READ_SEARCH") : List.of();
      assertThat(file.words("Service.CapabilityBoundingSet")).as(name).isEqualTo(expected);
      assertThat(file.words("Service.AmbientCapabilities")).as(name).isEqualTo(expected);
      assertThat(file.values("Service.User")).as(name).containsExactly("ha-exporters");
      assertThat(file.values("Service.NoNewPrivileges")).as(name).containsExactly("yes");
      assertThat(file.values("Service.ProtectSystem")).as(name).containsExactly("strict");
      // keepalived's dumps are in its /tmp unless the drop-in moves them: never a private /tmp
      // there
      assertThat(file.values("Service.PrivateTmp"))
          .as(name)
          .containsExactly(keepalived ? "no" : "yes");
    }
  }

  @Test
  void systemdAnalyzeSecurityRatesEveryUnit() {
    Map<String, String> exposure = new TreeMap<>();
    for (Path unit : units) {
      List<String> command =
          List.of("systemd-analyze", "security", "--offline=true", "--no-pager", unit.toString());
      ProcessResult result = Commands.run(TIMEOUT, command);
      String output = result.stdout() + result.stderr();
      Matcher matcher = EXPOSURE.matcher(output);
      assertThat(matcher.find()).as(output).isTrue();
      exposure.put(unit.getFileName().toString(), matcher.group(1) + " " + matcher.group(2));
      assertThat(Double.parseDouble(matcher.group(1)))
          .as("%s rated %s", unit.getFileName(), matcher.group(2))
          .isLessThan(5.0);
    }
    exposure.forEach(
        (unit, level) ->
            System.out.printf("systemd-analyze security exposure: %-32s %s%n", unit, level));
  }
}
