package io.github.homelabha.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every object the kustomization lists, read strictly into the Kubernetes model. */
record KubernetesManifests(JsonNode kustomization, List<Entry> objects) {

  /** One object and the file it comes from. */
  record Entry(String file, JsonNode source, HasMetadata object) {}

  static KubernetesManifests load() {
    Path dir = DeployFiles.kubernetesDir();
    JsonNode kustomization = DeployFiles.yaml(dir.resolve("kustomization.yaml"));
    List<Entry> objects = new ArrayList<>();
    for (JsonNode resource : kustomization.path("resources")) {
      String file = resource.asText();
      for (JsonNode document : DeployFiles.yamlDocuments(dir.resolve(file))) {
        // a v1 List (the dashboards' ConfigMaps) is unpacked by kustomize
        List<JsonNode> items = new ArrayList<>();
        if (document.path("kind").asText().equals("List")) {
          document.path("items").forEach(items::add);
        } else {
          items.add(document);
        }
        for (JsonNode item : items) {
          objects.add(new Entry(file, item, StrictKubernetesModel.read(item, file)));
        }
      }
    }
    return new KubernetesManifests(kustomization, objects);
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().map(Entry::object).filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T named(Class<T> type, String name) {
    return all(type).stream()
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
  }

  /**
   * The pod template of the workload running an exporter (keepalived: DaemonSet, else Deployment).
   */
  PodTemplateSpec podTemplate(String exporter) {
    String name = exporter + "-exporter";
    return exporter.equals("keepalived")
        ? named(DaemonSet.class, name).getSpec().getTemplate()
        : named(Deployment.class, name).getSpec().getTemplate();
  }
}
