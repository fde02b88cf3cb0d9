package io.github.homelabha.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import io.github.homelabha.core.fixtures.FakeExporter;
import io.github.homelabha.core.testkit.RunningExporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterMainTest {
  @TempDir Path dir;

  private static String run(Map<String, String> env, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    var runtime =
        ExporterMain.launch(
            new FakeExporter(), args, env, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(runtime).isNull();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpListsCommonAndExporterFlagsWithTheEnvScheme() throws Exception {
    String help = run(Map.of(), "--help");
    assertThat(help)
        .contains("--web.listen-address")
        .contains("Default: :9999")
        .contains("--web.config.file")
        .contains("--web.telemetry-path")
        .contains("--log.format")
        .contains("--fake.target")
        .contains("FAKE_EXPORTER_EXAMPLE_FLAG");
  }

  @Test
  void versionNamesTheExporter() throws Exception {
    assertThat(run(Map.of(), "--version")).startsWith("fake_exporter version ").contains("java");
  }

  @Test
  void configCheckValidatesWithoutStarting() throws Exception {
    assertThat(run(Map.of(), "--config.check", "--fake.target=a")).contains("configuration OK");
  }

  @Test
  void listenAddressAndTelemetryPathTakeOneDashAsInGoExportersUnits() throws Exception {
    assertThat(
            run(
                Map.of(),
                "--config.check",
                "-web.listen-address=127.0.0.1:9999",
                "-web.telemetry-path=/m",
                "--fake.target=a"))
        .contains("configuration OK");
    assertThatThrownBy(() -> run(Map.of(), "--config.check", "-web.telemetry-path", "/"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("--web.telemetry-path");
  }

  @Test
  void environmentSetsFlagsAndTheCommandLineWins() throws Exception {
    Map<String, String> env = Map.of("FAKE_EXPORTER_FAKE_TARGET", "from-env:3");
    try (RunningExporter e = RunningExporter.start(new FakeExporter(), env)) {
      assertThat(e.scrapeText()).contains("fake_value{kind=\"main\"} 3");
    }
    try (RunningExporter e =
        RunningExporter.start(new FakeExporter(), env, "--fake.target=cli:4")) {
      assertThat(e.scrapeText()).contains("fake_value{kind=\"main\"} 4");
    }
  }

  @Test
  void flagOverridesTheSameKeyInTheFile() throws Exception {
    Path cfg = dir.resolve("c.yml");
    Files.writeString(cfg, "targets:\n  - name: file\n    value: 1\n");
    try (RunningExporter e =
        RunningExporter.start(new FakeExporter(), "--config.file=" + cfg, "--fake.target=flag:9")) {
      assertThat(e.scrapeText()).contains("fake_value{kind=\"main\"} 9");
    }
  }

  @Test
  void unknownFlagsAreUsageErrors() {
    assertThatThrownBy(() -> run(Map.of(), "--no-such-flag"))
        .isInstanceOf(ExporterMain.UsageException.class)
        .hasMessageContaining("--no-such-flag");
  }

  @Test
  void badCommonFlagValuesNameTheirFlag() {
    assertThatThrownBy(() -> run(Map.of(), "--web.listen-address=nonsense"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("--web.listen-address: must be [HOST]:PORT");
    assertThatThrownBy(() -> run(Map.of(), "--log.format=xml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("--log.format: must be logfmt or json");
    assertThatThrownBy(() -> run(Map.of(), "--scrape.timeout=10"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("--scrape.timeout: not a duration: \"10\"");
  }

  @Test
  void badFlagValuesAreConfigProblemsNamingTheFlag() {
    assertThatThrownBy(() -> run(Map.of(), "--config.check", "--fake.target=:1"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("--fake.target: target name missing");
    assertThatThrownBy(() -> run(Map.of(), "--config.check", "--fake.default-delay=later"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("--fake.default-delay: not a duration")
        .hasMessageNotContaining("default_delay");
  }

  @Test
  void badCommonFlagsExporterFlagsAndKeysAreListedTogether() throws Exception {
    Path cfg = Files.writeString(dir.resolve("bad.yml"), "colour: blue\n");
    assertThatThrownBy(
            () ->
                run(
                    Map.of(),
                    "--config.check",
                    "--config.file=" + cfg,
                    "--scrape.timeout=10",
                    "--log.level=loud",
                    "--web.telemetry-path=metrics",
                    "--fake.target=:1",
                    "--fake.default-delay=later"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("--scrape.timeout: not a duration")
        .hasMessageContaining("--log.level: must be one of")
        .hasMessageContaining("--web.telemetry-path: must start with /")
        .hasMessageContaining("--fake.target: target name missing")
        .hasMessageContaining("--fake.default-delay: not a duration")
        .hasMessageContaining("colour: unknown key");
  }

  @Test
  void portInUseIsAClearStartupError() throws Exception {
    try (RunningExporter first = RunningExporter.start(new FakeExporter())) {
      assertThatThrownBy(
              () ->
                  RunningExporter.start(
                      new FakeExporter(), "--web.listen-address=127.0.0.1:" + first.port()))
          .hasMessageContaining(String.valueOf(first.port()));
    }
  }
}
