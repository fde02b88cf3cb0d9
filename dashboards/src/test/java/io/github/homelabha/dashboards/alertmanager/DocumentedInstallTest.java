package io.github.homelabha.dashboards.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.testkit.system.Commands;
import io.github.homelabha.core.testkit.system.ProcessResult;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import io.github.homelabha.dashboards.support.Bundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Alertmanager install steps exactly as the README lists them (between its {@code
 * install-alertmanager} markers), with {@code /etc/prometheus} moved into a temporary directory and
 * without {@code sudo}, the editor and the service reload; then proves the shipped check catches
 * the failure Alertmanager itself lets through: a template path that matches no file.
 */
@RequiresBinaries("amtool")
class DocumentedInstallTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String BEGIN = "<!-- install-alertmanager:begin -->";
  private static final String END = "<!-- install-alertmanager:end -->";

  @Test
  void theDocumentedStepsInstallAWorkingConfigAndTheCheckCatchesAMissingTemplate(@TempDir Path root)
      throws IOException {
    Path etc = root.resolve("etc/prometheus");
    Files.createDirectories(etc);
    List<String> steps = installSteps(etc);
    String checkStep =
        steps.stream()
            .filter(s -> s.contains("check-alertmanager-config.sh"))
            .findFirst()
            .orElseThrow();

    ProcessResult last = null;
    for (String step : steps) {
      last = run(step);
      assertThat(last.exitCode()).as(step + "\n" + last.stdout() + last.stderr()).isZero();
    }
    assertThat(last.stdout()).contains("1 templates").contains("OK: 1 template path(s)");
    assertThat(etc.resolve("alertmanager_templates/homelab-ha-telegram.tmpl")).isRegularFile();

    // the template forgotten: amtool alone still says SUCCESS, the documented check does not
    Files.delete(etc.resolve("alertmanager_templates/homelab-ha-telegram.tmpl"));
    ProcessResult amtool =
        Commands.run(
            TIMEOUT, List.of("amtool", "check-config", etc.resolve("alertmanager.yml").toString()));
    assertThat(amtool.exitCode()).isZero();
    assertThat(amtool.stdout()).contains("1 templates").contains("SUCCESS");
    ProcessResult check = run(checkStep);
    assertThat(check.exitCode()).isNotZero();
    assertThat(check.stderr())
        .contains("no readable file matches the template path")
        .contains("empty text");

    // a configuration without any template
    Files.writeString(
        etc.resolve("alertmanager.yml"),
        Files.readString(etc.resolve("alertmanager.yml"))
            .replace("  - alertmanager_templates/homelab-ha-telegram.tmpl\n", "")
            .replace("templates:\n", ""));
    ProcessResult none = run(checkStep);
    assertThat(none.exitCode()).isNotZero();
    assertThat(none.stderr()).contains("names no template");
  }

  /** The README's shell lines, run from the bundle (target/classes), with etc moved. */
  private static List<String> installSteps(Path etc) throws IOException {
    String readme = Files.readString(Bundle.module().resolve("README.md"));
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    assertThat(begin).as("README install markers").isPositive().isLessThan(end);
    List<String> steps = new ArrayList<>();
    for (String line : readme.substring(begin + BEGIN.length(), end).split("\n")) {
      String step = line.strip();
      if (step.isEmpty() || step.startsWith("```") || step.startsWith("#")) {
        continue;
      }
      step = step.replaceFirst("^sudo ", "").replaceAll("\\s+#.*$", "");
      if (step.startsWith("editor ") || step.startsWith("systemctl ")) {
        continue; // a person's edit and the running service: not part of the file layout
      }
      steps.add(step.replace("/etc/prometheus", etc.toString()));
    }
    return steps;
  }

  private static ProcessResult run(String step) {
    return Commands.run(
        TIMEOUT,
        List.of("sh", "-c", "cd '" + Bundle.output("examples").getParent() + "' && " + step));
  }
}
