package io.github.homelabha.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.RelabelConfig;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The k3s manifests: every object the kustomization lists is valid against the Kubernetes API
 * (strictly), and what must hold between them holds: privileges, image, ports, selectors, scrape
 * jobs, secrets as files, and the rules and dashboards as the dashboards module builds them.
 */
class KubernetesManifestsTest {
  private static final List<String> EXPORTERS = List.of("keepalived", "adguard", "unifi");

  private static KubernetesManifests manifests;

  @BeforeAll
  static void load() {
    manifests = KubernetesManifests.load();
  }

  @Test
  void everyListedResourceIsAValidKubernetesObjectOfTheExpectedKinds() {
    assertThat(manifests.all(Namespace.class)).hasSize(1);
    assertThat(manifests.all(DaemonSet.class)).hasSize(1);
    assertThat(manifests.all(Deployment.class)).hasSize(2);
    assertThat(manifests.all(Service.class)).hasSize(3);
    assertThat(manifests.all(ServiceMonitor.class)).hasSize(3);
    assertThat(manifests.all(PrometheusRule.class)).hasSize(1);
    assertThat(manifests.all(ConfigMap.class))
        .as("one per dashboard")
        .hasSameSizeAs(DeployFiles.classpathDirectory("grafana/dashboards"))
        .allSatisfy(c -> assertThat(c.getMetadata().getName()).startsWith("homelab-ha-dashboard-"));
    for (KubernetesManifests.Entry entry : manifests.objects()) {
      assertThat(entry.object().getMetadata().getName()).as(entry.file()).isNotBlank();
      assertThat(entry.object().getMetadata().getNamespace())
          .as("%s: the kustomization sets the namespace", entry.file())
          .isNull();
    }
  }

  @Test
  void theValidationRefusesUnknownFieldsAndValuesOfTheWrongType() {
    JsonNode daemonSet =
        manifests.objects().stream()
            .filter(e -> e.object() instanceof DaemonSet)
            .findFirst()
            .orElseThrow()
            .source();

    ObjectNode misspelt = daemonSet.deepCopy();
    ((ObjectNode) misspelt.at("/spec/template/spec/containers/0/securityContext"))
        .put("readOnlyRootFileSystem", true);
    assertThatThrownBy(() -> StrictKubernetesModel.read(misspelt, "misspelt"))
        .isInstanceOf(StrictKubernetesModel.InvalidObject.class)
        .hasMessageContaining("readOnlyRootFileSystem");

    ObjectNode wrongType = daemonSet.deepCopy();
    ((ObjectNode) wrongType.at("/spec/template/spec/containers/0/ports/0"))
        .put("containerPort", "nine-one-six-five");
    assertThatThrownBy(() -> StrictKubernetesModel.read(wrongType, "wrong type"))
        .isInstanceOf(StrictKubernetesModel.InvalidObject.class);

    ObjectNode unknownKind = daemonSet.deepCopy();
    unknownKind.put("kind", "DaemonSett");
    assertThatThrownBy(() -> StrictKubernetesModel.read(unknownKind, "unknown kind"))
        .isInstanceOf(StrictKubernetesModel.InvalidObject.class)
        .hasMessageContaining("no model for apps/v1/DaemonSett");
  }

  @Test
  void theKustomizationUsesKnownFieldsAndListsEveryFileOfTheDirectory() throws IOException {
    JsonNode k = manifests.kustomization();
    Set<String> fields = new HashSet<>();
    k.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .isSubsetOf(
            "apiVersion",
            "kind",
            "namespace",
            "labels",
            "resources",
            "configMapGenerator",
            "images");
    assertThat(k.path("apiVersion").asText()).isEqualTo("kustomize.config.k8s.io/v1beta1");
    assertThat(k.path("kind").asText()).isEqualTo("Kustomization");
    assertThat(k.path("namespace").asText()).isEqualTo("homelab-ha");

    Set<String> used = new HashSet<>();
    k.path("resources").forEach(r -> used.add(r.asText()));
    for (JsonNode generator : k.path("configMapGenerator")) {
      for (JsonNode file : generator.path("files")) {
        used.add(file.asText().substring(file.asText().indexOf('=') + 1));
      }
    }
    Path dir = DeployFiles.kubernetesDir();
    try (Stream<Path> files = Files.walk(dir)) {
      List<String> present =
          files
              .filter(Files::isRegularFile)
              .map(p -> dir.relativize(p).toString())
              .filter(p -> !p.equals("kustomization.yaml"))
              .toList();
      assertThat(used)
          .as("files the kustomization names")
          .containsExactlyInAnyOrderElementsOf(present);
    }
  }

  @Test
  void theKeepalivedExporterSharesTheNodesNetworkAndPidsWithoutAnyCapability() {
    DaemonSet daemonSet = manifests.named(DaemonSet.class, "keepalived-exporter");
    PodSpec pod = daemonSet.getSpec().getTemplate().getSpec();
    assertThat(pod.getHostNetwork()).isTrue();
    assertThat(pod.getHostPID()).isTrue();
    assertThat(pod.getHostIPC()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
    assertThat(pod.getNodeSelector()).containsEntry("homelab-ha/keepalived", "true");
    // uid 0, the owner of keepalived's process, dumps and FIFO: no capability needed on top
    assertThat(pod.getSecurityContext().getRunAsUser()).isZero();
    Container container = onlyContainer(pod);
    assertLocked(container.getSecurityContext());

    Map<String, Volume> volumes = volumesByName(pod);
    VolumeMount run = mount(container, "/run/keepalived");
    assertThat(run.getReadOnly()).isTrue();
    assertThat(volumes.get(run.getName()).getHostPath().getPath()).isEqualTo("/run/keepalived");
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getHostPath() != null)
        .as("the only directory of the node it sees")
        .hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"adguard", "unifi"})
  void theHttpExportersRunAsAnotherUserWithoutAnyPrivilege(String exporter) {
    Deployment deployment = manifests.named(Deployment.class, exporter + "-exporter");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
    assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getHostPath()).isNull());
    assertLocked(onlyContainer(pod).getSecurityContext());
  }

  @Test
  void everyContainerRunsTheImageOfThisVersionAndNoContainerRegistryIsNamed() {
    for (String exporter : EXPORTERS) {
      Container container = onlyContainer(manifests.podTemplate(exporter).getSpec());
      assertThat(container.getImage()).isEqualTo(DeployFiles.IMAGE);
      assertThat(container.getImagePullPolicy()).isEqualTo("Never");
      assertThat(container.getArgs())
          .containsExactly("--config.file=/etc/ha-exporters/ha-exporters.yml");
    }
    JsonNode images = manifests.kustomization().path("images");
    assertThat(images).hasSize(1);
    assertThat(images.get(0).path("name").asText()).isEqualTo(DeployFiles.IMAGE);
    assertThat(images.get(0).path("newTag").asText()).isEqualTo(DeployFiles.projectVersion());
    assertThat(images.get(0).has("newName")).isFalse();
  }

  @Test
  void portsAreTheExportersDefaultsFromContainerToServiceMonitor() {
    for (String exporter : EXPORTERS) {
      int port = DeployFiles.DEFAULT_PORTS.get(exporter);
      Container container = onlyContainer(manifests.podTemplate(exporter).getSpec());
      assertThat(container.getPorts()).hasSize(1);
      assertThat(container.getPorts().get(0).getContainerPort()).as(exporter).isEqualTo(port);
      assertThat(container.getPorts().get(0).getName()).isEqualTo("metrics");
      for (var probe : List.of(container.getReadinessProbe(), container.getLivenessProbe())) {
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
      }

      Service service = manifests.named(Service.class, exporter + "-exporter");
      assertThat(service.getSpec().getPorts()).hasSize(1);
      var servicePort = service.getSpec().getPorts().get(0);
      assertThat(servicePort.getPort()).as(exporter).isEqualTo(port);
      assertThat(servicePort.getName()).isEqualTo("metrics");
      assertThat(servicePort.getTargetPort().getStrVal()).isEqualTo("metrics");

      ServiceMonitor monitor = manifests.named(ServiceMonitor.class, exporter + "-exporter");
      assertThat(monitor.getSpec().getEndpoints())
          .singleElement()
          .satisfies(e -> assertThat(e.getPort()).isEqualTo("metrics"))
          .satisfies(e -> assertThat(e.getPath()).isEqualTo("/metrics"));
    }
  }

  @Test
  void selectorsFindTheirPodsAndServices() {
    for (String exporter : EXPORTERS) {
      String name = exporter + "-exporter";
      PodTemplateSpec template = manifests.podTemplate(exporter);
      Map<String, String> podLabels = template.getMetadata().getLabels();
      Map<String, String> workloadSelector =
          exporter.equals("keepalived")
              ? manifests.named(DaemonSet.class, name).getSpec().getSelector().getMatchLabels()
              : manifests.named(Deployment.class, name).getSpec().getSelector().getMatchLabels();
      assertThat(podLabels).containsAllEntriesOf(workloadSelector);

      Service service = manifests.named(Service.class, name);
      assertThat(service.getSpec().getSelector()).isNotEmpty();
      assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
      for (String other : EXPORTERS) {
        if (!other.equals(exporter)) {
          assertThat(manifests.podTemplate(other).getMetadata().getLabels())
              .as("%s's Service selects no %s pod", exporter, other)
              .doesNotContainEntry(
                  "app.kubernetes.io/name",
                  service.getSpec().getSelector().get("app.kubernetes.io/name"));
        }
      }

      ServiceMonitor monitor = manifests.named(ServiceMonitor.class, name);
      assertThat(service.getMetadata().getLabels())
          .containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
    }
  }

  @Test
  void scrapeJobsAndLabelsAreTheOnesTheRulesAndDashboardsExpect() {
    String rules = DeployFiles.classpathText("kube-prometheus/prometheus-rule.yaml");
    for (String exporter : EXPORTERS) {
      ServiceMonitor monitor = manifests.named(ServiceMonitor.class, exporter + "-exporter");
      Map<String, RelabelConfig> byTarget = new LinkedHashMap<>();
      monitor
          .getSpec()
          .getEndpoints()
          .get(0)
          .getRelabelings()
          .forEach(r -> byTarget.put(r.getTargetLabel(), r));
      assertThat(byTarget.get("job").getReplacement()).isEqualTo(exporter);
      assertThat(rules)
          .as("the rules select job=%s", exporter)
          .contains("job=\\\"" + exporter + "\\\"");
      assertThat(byTarget.get("cluster").getReplacement()).isNotBlank();
      assertThat(byTarget.get("node").getSourceLabels())
          .containsExactly("__meta_kubernetes_pod_node_name");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"adguard", "unifi"})
  void secretsComeFromKubernetesSecretsAsFilesNamedInTheConfiguration(String exporter)
      throws IOException {
    PodSpec pod = manifests.podTemplate(exporter).getSpec();
    Container container = onlyContainer(pod);
    assertThat(container.getEnv()).isEmpty();
    assertThat(container.getEnvFrom()).isEmpty();

    Volume secret =
        pod.getVolumes().stream().filter(v -> v.getSecret() != null).findFirst().orElseThrow();
    assertThat(secret.getSecret().getSecretName()).isEqualTo(exporter + "-exporter");
    assertThat(secret.getSecret().getDefaultMode()).isEqualTo(0440);
    assertThat(pod.getSecurityContext().getFsGroup())
        .isEqualTo(pod.getSecurityContext().getRunAsGroup());
    String secretDir =
        container.getVolumeMounts().stream()
            .filter(m -> m.getName().equals(secret.getName()))
            .findFirst()
            .orElseThrow()
            .getMountPath();

    JsonNode config =
        DeployFiles.yaml(DeployFiles.kubernetesDir().resolve("config/" + exporter + ".yml"));
    List<String> secretFiles = new ArrayList<>();
    List<String> inlineSecrets = new ArrayList<>();
    collectSecretKeys(config, secretFiles, inlineSecrets);
    assertThat(inlineSecrets).as("secrets written into the configuration").isEmpty();
    assertThat(secretFiles).isNotEmpty().allSatisfy(f -> assertThat(f).startsWith(secretDir + "/"));
  }

  @Test
  void theConfigurationVolumesAreTheGeneratedConfigMaps() {
    Set<String> generated = new HashSet<>();
    manifests
        .kustomization()
        .path("configMapGenerator")
        .forEach(g -> generated.add(g.path("name").asText()));
    for (String exporter : EXPORTERS) {
      PodSpec pod = manifests.podTemplate(exporter).getSpec();
      Volume config = volumesByName(pod).get("config");
      assertThat(config.getConfigMap().getName()).isEqualTo(exporter + "-exporter-config");
      assertThat(generated).contains(config.getConfigMap().getName());
      assertThat(mount(onlyContainer(pod), "/etc/ha-exporters").getReadOnly()).isTrue();
    }
  }

  @Test
  void thePrometheusRuleAndDashboardsAreWhatTheDashboardsModuleBuilds() throws IOException {
    for (String file : List.of("prometheus-rule.yaml", "grafana-dashboards.yaml")) {
      assertThat(Files.readString(DeployFiles.kubernetesDir().resolve("monitoring/" + file)))
          .as(
              "deploy/kubernetes/monitoring/%s differs from the dashboards module's build output:"
                  + " copy dashboards/target/classes/kube-prometheus/%s over it",
              file, file)
          .isEqualTo(DeployFiles.classpathText("kube-prometheus/" + file));
    }
  }

  @Test
  void thePrometheusRuleHoldsExactlyTheShippedRuleGroups() throws IOException {
    Map<String, JsonNode> shipped = new LinkedHashMap<>();
    for (String file : DeployFiles.classpathDirectory("prometheus/rules")) {
      JsonNode rules =
          DeployFiles.YAML.readTree(DeployFiles.classpathText("prometheus/rules/" + file));
      rules.path("groups").forEach(g -> shipped.put(g.path("name").asText(), g));
    }
    JsonNode rule =
        manifests.objects().stream()
            .filter(e -> e.object() instanceof PrometheusRule)
            .findFirst()
            .orElseThrow()
            .source();
    Map<String, JsonNode> inRule = new LinkedHashMap<>();
    rule.at("/spec/groups").forEach(g -> inRule.put(g.path("name").asText(), g));
    assertThat(inRule.keySet()).containsExactlyInAnyOrderElementsOf(shipped.keySet());
    shipped.forEach((name, group) -> assertThat(inRule.get(name)).as(name).isEqualTo(group));
  }

  private static void collectSecretKeys(JsonNode node, List<String> files, List<String> inline) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              f -> {
                String key = f.getKey();
                if (key.endsWith("_file") && isSecretKey(key.substring(0, key.length() - 5))) {
                  files.add(f.getValue().asText());
                } else if (isSecretKey(key) || key.endsWith("_env")) {
                  inline.add(key);
                }
                collectSecretKeys(f.getValue(), files, inline);
              });
    } else if (node.isArray()) {
      node.forEach(n -> collectSecretKeys(n, files, inline));
    }
  }

  private static boolean isSecretKey(String key) {
    return key.equals("password") || key.equals("api_key") || key.equals("token");
  }

  private static void assertLocked(SecurityContext context) {
    assertThat(context.getAllowPrivilegeEscalation()).isFalse();
    assertThat(context.getReadOnlyRootFilesystem()).isTrue();
    assertThat(context.getPrivileged()).isNotEqualTo(Boolean.TRUE);
    assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(context.getCapabilities().getAdd()).isEmpty();
  }

  private static Container onlyContainer(PodSpec pod) {
    assertThat(pod.getContainers()).hasSize(1);
    assertThat(pod.getInitContainers()).isEmpty();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    return pod.getContainers().get(0);
  }

  private static Map<String, Volume> volumesByName(PodSpec pod) {
    Map<String, Volume> volumes = new LinkedHashMap<>();
    pod.getVolumes().forEach(v -> volumes.put(v.getName(), v));
    return volumes;
  }

  private static VolumeMount mount(Container container, String path) {
    return container.getVolumeMounts().stream()
        .filter(m -> m.getMountPath().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("nothing mounted at " + path));
  }
}
