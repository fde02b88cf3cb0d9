package io.github.homelabha.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.homelabha.core.testkit.system.Commands;
import io.github.homelabha.core.testkit.system.ProcessResult;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code kubectl apply -k} would send: kustomize renders the directory into the objects the
 * model test checked, each in the namespace, with the image's tag and a generated configuration.
 */
@RequiresBinaries("kubectl")
class KustomizeBuildTest {

  @Test
  void rendersEveryObjectIntoTheNamespaceWithTheTaggedImage(@TempDir Path tmp) throws IOException {
    ProcessResult result =
        Commands.run(
            Duration.ofSeconds(120),
            List.of("kubectl", "kustomize", DeployFiles.kubernetesDir().toString()));
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    Path rendered = tmp.resolve("rendered.yaml");
    Files.writeString(rendered, result.stdout());
    List<JsonNode> objects = DeployFiles.yamlDocuments(rendered);

    int generatedConfigMaps = 3;
    assertThat(objects).hasSize(KubernetesManifests.load().objects().size() + generatedConfigMaps);
    for (JsonNode object : objects) {
      String kind = object.path("kind").asText();
      // every object is still one the API accepts after kustomize's changes
      StrictKubernetesModel.read(object, "rendered " + kind);
      if (!kind.equals("Namespace")) {
        assertThat(object.at("/metadata/namespace").asText()).as(kind).isEqualTo("homelab-ha");
      }
      assertThat(object.at("/metadata/labels/app.kubernetes.io~1part-of").asText())
          .isEqualTo("homelab-ha");
      for (JsonNode container : object.at("/spec/template/spec/containers")) {
        assertThat(container.path("image").asText())
            .isEqualTo(DeployFiles.IMAGE + ":" + DeployFiles.projectVersion());
      }
      for (JsonNode volume : object.at("/spec/template/spec/volumes")) {
        if (volume.has("configMap")) {
          assertThat(volume.at("/configMap/name").asText())
              .as("a generated name, new on every change")
              .matches("[a-z]+-exporter-config-[a-z0-9]{10}");
        }
      }
    }
  }
}
