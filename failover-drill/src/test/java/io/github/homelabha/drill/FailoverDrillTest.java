package io.github.homelabha.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailoverDrillTest {
  @TempDir Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return FailoverDrill.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpNamesEveryFlag() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--config.file", "--dry-run", "--report.json", "--pushgateway.url");
  }

  @Test
  void badFlagsAndABadConfigurationAreRefusals() throws Exception {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--config.file");
    Path config = tmp.resolve("drill.yml");
    Files.writeString(config, "name: x\nsettle: often\nnodes: []\n");
    Path report = tmp.resolve("report.json");
    assertThat(run("--config.file=" + config, "--report.json=" + report)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("settle:");
    assertThat(report).content().contains("\"result\" : \"refused\"", "invalid_configuration");
  }
}
