package io.github.homelabha.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherConfigFileTest {
  @TempDir Path dir;

  private Path file(String yaml) throws Exception {
    return Files.writeString(dir.resolve("ha-exporters.yml"), yaml);
  }

  @Test
  void oneSectionPerExporterInFileOrder() throws Exception {
    Map<String, JsonNode> sections =
        LauncherConfigFile.read(
            file(
                """
                sync:
                  pairs:
                    - {name: grafana, role: auto, path: /var/lib/grafana}
                keepalived: {}
                """));
    assertThat(sections.keySet()).containsExactly("sync", "keepalived");
    assertThat(sections.get("sync").at("/pairs/0/name").asText()).isEqualTo("grafana");
    assertThat(sections.get("keepalived").isEmpty()).isTrue();
  }

  @Test
  void anEmptyFileOrAnEmptySectionIsAllowed() throws Exception {
    assertThat(LauncherConfigFile.read(file(""))).isEmpty();
    assertThat(LauncherConfigFile.read(file("sync:\n"))).containsOnlyKeys("sync");
  }

  @Test
  void unknownExportersAndWrongShapesAreListedTogether() throws Exception {
    assertThatThrownBy(
            () -> LauncherConfigFile.read(file("bind9: {}\nsync: [1, 2]\nkeepalived: {}\n")))
        .isInstanceOf(InvalidConfigException.class)
        .satisfies(
            e ->
                assertThat(((InvalidConfigException) e).problems())
                    .containsExactly(
                        "bind9: unknown exporter; known: keepalived, sync, adguard, unifi",
                        "sync: must be a YAML mapping (or {} for the defaults)"));
    assertThatThrownBy(() -> LauncherConfigFile.read(file("- keepalived\n")))
        .hasMessageContaining("must be a YAML mapping with one key per exporter");
  }

  @Test
  void unreadableFilesAreNamed() throws Exception {
    assertThatThrownBy(() -> LauncherConfigFile.read(file("sync: {pairs: [\n")))
        .hasMessageContaining("YAML syntax error in " + dir.resolve("ha-exporters.yml"))
        .hasMessageContaining("line");
    assertThatThrownBy(() -> LauncherConfigFile.read(dir.resolve("missing.yml")))
        .hasMessageContaining("missing or no permission");
    assertThatThrownBy(() -> LauncherConfigFile.read(dir))
        .hasMessageContaining("cannot read configuration file " + dir);
    Path big = file("# " + "x".repeat((int) LauncherConfigFile.MAX_BYTES) + "\n");
    assertThatThrownBy(() -> LauncherConfigFile.read(big))
        .hasMessageContaining("cannot read configuration file " + big);
  }

  @Test
  void aSyntaxErrorNamesThePositionButNeverQuotesTheLine() throws Exception {
    Path f = file("sync:\n  rclone:\n    password: \"hunter2-secret\n");
    assertThatThrownBy(() -> LauncherConfigFile.read(f))
        .hasMessageContaining("YAML syntax error")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void duplicateKeysAreRejected() throws Exception {
    assertThatThrownBy(() -> LauncherConfigFile.read(file("sync: {}\nsync: {}\n")))
        .hasMessageContaining("at line 2");
  }
}
