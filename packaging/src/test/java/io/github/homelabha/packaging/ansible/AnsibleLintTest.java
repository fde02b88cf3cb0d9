package io.github.homelabha.packaging.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.testkit.system.Commands;
import io.github.homelabha.core.testkit.system.ProcessResult;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roles and the playbook pass ansible-lint's strictest profile and Ansible's own syntax check
 * with the example inventory of the README. Both with Debian's {@code ansible} and {@code
 * ansible-lint}.
 */
@RequiresBinaries({"ansible-lint", "ansible-playbook", "ansible-inventory", "env"})
class AnsibleLintTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(180);

  @TempDir Path home;

  @Test
  void rolesAndPlaybookAreLintCleanWithTheProductionProfile() {
    ProcessResult lint =
        run(List.of("ansible-lint", "--offline", "--nocolor", "--profile", "production"));

    assertThat(lint.exitCode())
        .as("ansible-lint --profile production:%n%s%n%s", lint.stdout(), lint.stderr())
        .isZero();
    assertThat(lint.stdout() + lint.stderr()).contains("Passed with production profile");
  }

  @Test
  void playbookPassesTheSyntaxCheckWithTheExampleInventory() {
    ProcessResult check =
        run(
            List.of(
                "ansible-playbook", "--syntax-check", "-i", "inventory.example.yml", "site.yml"));

    assertThat(check.exitCode()).as("%s%n%s", check.stdout(), check.stderr()).isZero();
    // both plays found their hosts in the example inventory
    assertThat(check.stderr()).doesNotContain("Could not match supplied host pattern");
  }

  @Test
  void exampleInventoryDescribesATwoNodePairWithMonitoring() {
    ProcessResult graph =
        run(List.of("ansible-inventory", "-i", "inventory.example.yml", "--graph"));

    assertThat(graph.exitCode()).as(graph.stderr()).isZero();
    assertThat(graph.stdout())
        .contains("@ha_nodes:", "@monitoring:")
        .containsPattern("(?s)@ha_nodes:.*pi1.*pi2");
  }

  private ProcessResult run(List<String> command) {
    return Commands.run(TIMEOUT, AnsibleDirectory.command(home, command));
  }
}
