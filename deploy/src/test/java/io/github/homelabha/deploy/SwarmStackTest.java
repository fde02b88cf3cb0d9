package io.github.homelabha.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Docker Swarm stack: the same image, ports and configuration as the k3s manifests, the same
 * privileges where Swarm can express them, secrets as files, and only options Swarm applies.
 */
class SwarmStackTest {
  /** Service options Swarm accepts; `docker stack deploy` ignores others (pid, privileged, ...). */
  private static final Set<String> SWARM_SERVICE_KEYS =
      Set.of(
          "image",
          "command",
          "user",
          "networks",
          "cap_drop",
          "cap_add",
          "read_only",
          "configs",
          "secrets",
          "volumes",
          "ports",
          "deploy",
          "environment");

  private static JsonNode stack;
  private static Path swarmDir;

  @BeforeAll
  static void load() {
    swarmDir = DeployFiles.deployDir().resolve("swarm");
    stack = DeployFiles.yaml(swarmDir.resolve("ha-exporters-stack.yml"));
  }

  @Test
  void everyServiceRunsTheImageOfThisVersionWithOnlyOptionsSwarmApplies() {
    List<String> services = new ArrayList<>();
    stack.path("services").fieldNames().forEachRemaining(services::add);
    assertThat(services)
        .containsExactlyInAnyOrder("keepalived-exporter", "adguard-exporter", "unifi-exporter");
    for (String name : services) {
      JsonNode service = stack.path("services").path(name);
      Set<String> keys = new HashSet<>();
      service.fieldNames().forEachRemaining(keys::add);
      assertThat(keys).as(name).isSubsetOf(SWARM_SERVICE_KEYS);
      assertThat(service.path("image").asText())
          .isEqualTo(DeployFiles.IMAGE + ":" + DeployFiles.projectVersion());
      assertThat(service.path("command"))
          .containsExactly(
              DeployFiles.YAML
                  .getNodeFactory()
                  .textNode("--config.file=/etc/ha-exporters/ha-exporters.yml"));
      assertThat(service.path("cap_drop").toString()).isEqualTo("[\"ALL\"]");
      assertThat(service.has("cap_add")).isFalse();
      assertThat(service.path("read_only").asBoolean()).isTrue();
      assertThat(service.has("environment")).as("no secret in the environment").isFalse();
      assertThat(service.at("/configs/0/target").asText())
          .isEqualTo("/etc/ha-exporters/ha-exporters.yml");
    }
  }

  @Test
  void theKeepalivedExporterRunsOnEveryKeepalivedNodeInItsNetworkAsRootWithoutCapabilities() {
    JsonNode service = stack.at("/services/keepalived-exporter");
    assertThat(service.at("/deploy/mode").asText()).isEqualTo("global");
    assertThat(service.at("/deploy/placement/constraints/0").asText())
        .isEqualTo("node.labels.homelab-ha.keepalived == true");
    String network = service.at("/networks/0").asText();
    assertThat(stack.at("/networks/" + network + "/external").asBoolean()).isTrue();
    assertThat(stack.at("/networks/" + network + "/name").asText()).isEqualTo("host");
    assertThat(service.path("user").asText()).isEqualTo("0:0");
    assertThat(service.has("ports")).as("host network: listens on the node's :9165").isFalse();
    assertThat(service.at("/volumes/0/source").asText()).isEqualTo("/run/keepalived");
    assertThat(service.at("/volumes/0/read_only").asBoolean()).isTrue();
  }

  @Test
  void theHttpExportersPublishTheirDefaultPortsAndReadTheirSecretsFromFiles() throws Exception {
    for (String exporter : List.of("adguard", "unifi")) {
      JsonNode service = stack.at("/services/" + exporter + "-exporter");
      assertThat(service.path("user").asText()).isEqualTo("65532:65532");
      int port = DeployFiles.DEFAULT_PORTS.get(exporter);
      assertThat(service.at("/ports/0/target").asInt()).isEqualTo(port);
      assertThat(service.at("/ports/0/published").asInt()).isEqualTo(port);

      String configFile =
          stack.at("/configs/" + service.at("/configs/0/source").asText() + "/file").asText();
      Path config = swarmDir.resolve(configFile).normalize();
      assertThat(config)
          .as("the same file the k3s manifests use")
          .isEqualTo(DeployFiles.kubernetesDir().resolve("config/" + exporter + ".yml"));
      String passwordFile = DeployFiles.yaml(config).findValue("password_file").asText();
      JsonNode secret = service.at("/secrets/0");
      assertThat(secret.path("target").asText()).isEqualTo(passwordFile);
      assertThat(secret.path("uid").asText()).isEqualTo("65532");
      assertThat(secret.path("mode").asInt()).isEqualTo(0400);
      assertThat(stack.at("/secrets/" + secret.path("source").asText() + "/external").asBoolean())
          .isTrue();
    }
  }

  @Test
  void everyConfigFileTheStackNamesExists() {
    stack
        .path("configs")
        .forEach(c -> assertThat(swarmDir.resolve(c.path("file").asText())).isRegularFile());
    assertThat(Files.isRegularFile(swarmDir.resolve("keepalived-fifo-only.yml"))).isTrue();
    assertThat(
            DeployFiles.yaml(swarmDir.resolve("keepalived-fifo-only.yml"))
                .at("/keepalived/keepalived/fifo_only")
                .asBoolean())
        .isTrue();
  }
}
