package io.github.homelabha.dashboards.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.testkit.system.Commands;
import io.github.homelabha.core.testkit.system.ProcessResult;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prometheus' own tool judges the rendered rules: syntax, lint, and the unit tests. */
@RequiresBinaries("promtool")
class PromtoolRulesTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void renderedRulesPassCheckWithLintingFatal() {
    List<String> command = new ArrayList<>(List.of("promtool", "check", "rules"));
    command.add("--lint=all");
    command.add("--lint-fatal");
    RuleFiles.renderedRules().forEach(p -> command.add(p.toString()));

    ProcessResult result = Commands.run(TIMEOUT, command).orThrow(command);

    assertThat(result.stdout()).contains("SUCCESS").doesNotContain("FAILED");
  }

  /**
   * The unit tests name their rule files without a directory, so they run beside copies of the
   * rendered rules: the tests exercise exactly what ships.
   */
  @Test
  void unitTestsPass(@TempDir Path work) throws IOException {
    for (Path rules : RuleFiles.renderedRules()) {
      Files.copy(rules, work.resolve(rules.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> command = new ArrayList<>(List.of("promtool", "test", "rules"));
    for (Path test : RuleFiles.unitTests()) {
      Files.copy(test, work.resolve(test.getFileName()));
      // promtool resolves a test file's rule_files relative to the test file
      command.add(work.resolve(test.getFileName()).toString());
    }

    ProcessResult result = Commands.run(TIMEOUT, command);

    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    assertThat(result.stdout() + result.stderr()).doesNotContain("FAILED");
  }
}
