package io.github.homelabha.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.homelabha.core.testkit.ExpositionParser;
import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.PortAllocator;
import io.github.homelabha.core.testkit.system.Commands;
import io.github.homelabha.core.testkit.system.ManagedProcess;
import io.github.homelabha.core.testkit.system.ProcessResult;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import io.github.homelabha.core.testkit.system.RequiresRoot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the OCI image with deploy/image/build-image.sh (mmdebstrap + buildah, no daemon, no
 * registry), checks its configuration and the saved archive, runs it and scrapes it. The container
 * runs with buildah's chroot isolation in the host's network: an OCI runtime (crun) cannot start
 * containers on machines with cgroup v1 controllers beside a cgroup v2 hierarchy ("hybrid"), which
 * is what CI runs on; the image, its entrypoint and its user are the same either way. Everything it
 * creates (image, working container, archive, the build's root) is removed afterwards, also when it
 * fails. Takes a few minutes: most of it is mmdebstrap installing Debian's packages.
 */
@RequiresRoot
@RequiresBinaries({"mmdebstrap", "buildah"})
class ImageSystemTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** A name of its own, so a developer's image of the same version is left alone. */
  private static final String TAG = "localhost/ha-exporters-test:" + UUID.randomUUID();

  @TempDir static Path tmp;
  private static Path archive;
  private static JsonNode config;
  private static final List<String> containers = new ArrayList<>();

  @BeforeAll
  static void buildImage() throws IOException {
    archive = tmp.resolve("ha-exporters.tar");
    long start = System.nanoTime();
    ProcessResult build =
        Commands.run(
            Duration.ofMinutes(15),
            List.of(
                DeployFiles.deployDir().resolve("image/build-image.sh").toString(),
                "--jar",
                System.getProperty("ha-exporters.jar"),
                "--tag",
                TAG,
                "--output",
                archive.toString()));
    System.out.printf(
        "image build: %.1f s, archive %d MiB%n",
        (System.nanoTime() - start) / 1e9, Files.size(archive) >> 20);
    assertThat(build.exitCode()).as("%s%n%s", build.stdout(), build.stderr()).isZero();
    ProcessResult inspect = Commands.run("buildah", "inspect", "--type", "image", TAG);
    assertThat(inspect.exitCode()).as(inspect.stderr()).isZero();
    config = DeployFiles.JSON.readTree(inspect.stdout()).path("OCIv1").path("config");
  }

  @AfterAll
  static void removeEverything() {
    for (String container : containers) {
      Commands.run("buildah", "rm", container);
    }
    Commands.run("buildah", "rmi", "--force", TAG);
  }

  @Test
  void theImageRunsJavaWithThePiFlagsAndItsClassArchiveAsAnUnprivilegedUser() {
    List<String> entrypoint = new ArrayList<>();
    config.path("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
    assertThat(entrypoint)
        .startsWith("java", "-Xmx32m", "-Xms4m", "-Xss256k", "-XX:+UseSerialGC")
        .contains(
            "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1",
            "-XX:ReservedCodeCacheSize=16m",
            "-XX:MaxMetaspaceSize=48m",
            "-XX:-UsePerfData",
            "-XX:SharedArchiveFile=/usr/share/ha-exporters/ha-exporters.jsa")
        .endsWith("-jar", "/usr/share/ha-exporters/ha-exporters.jar");
    assertThat(config.path("Cmd").toString())
        .isEqualTo("[\"--config.file=/etc/ha-exporters/ha-exporters.yml\"]");
    assertThat(config.path("User").asText()).isEqualTo("65532:65532");
    assertThat(config.path("Env").toString()).contains("MALLOC_ARENA_MAX=1");
    List<String> ports = new ArrayList<>();
    config.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
    assertThat(ports).containsExactlyInAnyOrder("9165/tcp", "9166/tcp", "9617/tcp", "9130/tcp");
  }

  @Test
  void theArchiveCarriesThePlainNameTheManifestsRun() throws IOException {
    Path manifest = tmp.resolve("manifest.json");
    ProcessResult extract =
        Commands.run("tar", "-xf", archive.toString(), "-C", tmp.toString(), "manifest.json");
    assertThat(extract.exitCode()).as(extract.stderr()).isZero();
    List<String> tags = new ArrayList<>();
    DeployFiles.JSON
        .readTree(manifest.toFile())
        .path(0)
        .path("RepoTags")
        .forEach(t -> tags.add(t.asText()));
    String plain = TAG.substring("localhost/".length());
    // `k3s ctr images import` and `docker load` give it the name `image: NAME:TAG` resolves to
    assertThat(tags).anySatisfy(t -> assertThat(t).endsWith("/library/" + plain));
  }

  @Test
  void theImageHoldsNoPackageManagerAndTheKeepalivedSignalTable() {
    String container = workingContainer();
    ProcessResult files =
        run(container, "sh", "-c", "ls /usr/bin/apt /usr/bin/apt-get /usr/bin/perl 2>&1; id -u");
    assertThat(files.stdout()).contains("No such file").doesNotContain("/usr/bin/apt\n");
    assertThat(files.stdout().strip()).endsWith("65532");
    ProcessResult signals =
        run(container, "/usr/lib/ha-exporters/keepalived-signals", "--signum=JSON");
    assertThat(signals.stdout().strip()).isEqualTo("36");
  }

  @Test
  void theRunningImageServesMetricsOnAFreeLoopbackPort() throws Exception {
    String container = workingContainer();
    int keepalivedPort = PortAllocator.freeLoopbackPort();
    int syncPort = PortAllocator.freeLoopbackPort();
    List<String> command =
        new ArrayList<>(
            List.of("buildah", "run", "--isolation=chroot", "--network=host", container, "--"));
    config.path("Entrypoint").forEach(e -> command.add(e.asText()));
    command.addAll(
        List.of(
            "keepalived",
            "--web.listen-address=127.0.0.1:" + keepalivedPort,
            "sync",
            "--web.listen-address=127.0.0.1:" + syncPort,
            "--sync.pair=image:source:/tmp"));
    long start = System.nanoTime();
    try (ManagedProcess exporters = ManagedProcess.start(command, tmp.resolve("run.log"))) {
      String sync =
          await()
              .atMost(Duration.ofMinutes(2))
              .pollInterval(Duration.ofMillis(200))
              .ignoreExceptions()
              .until(() -> scrape(syncPort), body -> body != null);
      System.out.printf("image start to first scrape: %.1f s%n", (System.nanoTime() - start) / 1e9);
      ParsedMetrics syncMetrics = ExpositionParser.parsePrometheusText(sync);
      assertThat(syncMetrics.valueOf("sync_up")).isEqualTo(1.0);
      assertThat(
              syncMetrics.valueOf(
                  "sync_exporter_build_info", "version", DeployFiles.projectVersion()))
          .isEqualTo(1.0);
      // no keepalived in the image's view: a clear 0, not an error page
      ParsedMetrics keepalived = ExpositionParser.parsePrometheusText(scrape(keepalivedPort));
      assertThat(keepalived.valueOf("keepalived_up")).isZero();
      assertThat(exporters.logText()).doesNotContain("Unable to use shared archive");
    }
  }

  private static String workingContainer() {
    ProcessResult from = Commands.run("buildah", "from", "--pull-never", TAG);
    assertThat(from.exitCode()).as(from.stderr()).isZero();
    String container = from.stdout().strip();
    containers.add(container);
    return container;
  }

  private static ProcessResult run(String container, String... command) {
    List<String> full =
        new ArrayList<>(List.of("buildah", "run", "--isolation=chroot", container, "--"));
    full.addAll(List.of(command));
    return Commands.run(Duration.ofSeconds(60), full);
  }

  private static String scrape(int port) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
