package io.github.homelabha.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.testkit.ExpositionParser;
import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.PortAllocator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher with the real exporters, on free ports of 127.0.0.1. */
class LauncherTest {
  private static final String ANY_PORT = "--web.listen-address=127.0.0.1:0";

  @TempDir Path dir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Path file(String yaml) throws IOException {
    return Files.writeString(dir.resolve("ha-exporters.yml"), yaml);
  }

  private String get(int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private ParsedMetrics scrape(int port) throws Exception {
    return ExpositionParser.parsePrometheusText(get(port, "/metrics"));
  }

  private static int port(RunningBundle bundle, String exporter) {
    return bundle.runtime(exporter).orElseThrow().port();
  }

  @Test
  void eachSectionRunsItsExporterOnItsOwnPortWithItsOwnMetrics() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Path cfg =
        file(
            """
            keepalived:
              keepalived:
                pid_file: %s/no-such.pid
            sync:
              pairs:
                - {name: data, role: source, path: %s}
            """
                .formatted(dir, data));
    String[] args = {"--config.file=" + cfg, "keepalived", ANY_PORT, "sync", ANY_PORT};
    try (RunningBundle bundle = Launcher.start(args, Map.of()).bundle()) {
      ParsedMetrics keepalived = scrape(port(bundle, "keepalived"));
      assertThat(keepalived.valueOf("keepalived_up")).isZero();
      assertThat(keepalived.families()).noneMatch(f -> f.name().startsWith("sync_"));
      ParsedMetrics sync = scrape(port(bundle, "sync"));
      assertThat(sync.valueOf("sync_up")).isEqualTo(1);
      assertThat(sync.has("sync_pair_info", "pair", "data", "role", "source")).isTrue();
      assertThat(sync.families()).noneMatch(f -> f.name().startsWith("keepalived_"));
      // Both carry the JVM's metrics, each in its own registry.
      assertThat(keepalived.has("jvm_threads_current")).isTrue();
      assertThat(sync.has("jvm_threads_current")).isTrue();
      // The landing page names why keepalived is down on the first visit.
      assertThat(get(port(bundle, "keepalived"), "/"))
          .contains("down (not_running)")
          .contains("no-such.pid");
    }
  }

  @Test
  void unifiRunsFromItsSectionAndReportsAnUnreachableControllerAsDown() throws Exception {
    int closedPort = PortAllocator.freeLoopbackPort();
    Path password = Files.writeString(dir.resolve("unifi-password"), "not-a-real-secret\n");
    Files.setPosixFilePermissions(
        password, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    Path cfg =
        file(
            """
            unifi:
              controllers:
                - name: home
                  url: https://127.0.0.1:%d
                  username: prometheus
                  password_file: %s
                  timeout: 2s
                  tls_config: {insecure_skip_verify: true}
            """
                .formatted(closedPort, password));
    String[] args = {"--config.file=" + cfg, "unifi", ANY_PORT};
    try (RunningBundle bundle = Launcher.start(args, Map.of()).bundle()) {
      ParsedMetrics unifi = scrape(port(bundle, "unifi"));
      assertThat(unifi.has("unifi_up", "target", "home")).isTrue();
      assertThat(unifi.valueOf("unifi_up", "target", "home")).isZero();
      assertThat(unifi.families()).noneMatch(f -> f.name().startsWith("keepalived_"));
      assertThat(get(port(bundle, "unifi"), "/")).doesNotContain("not-a-real-secret");
    }
  }

  @Test
  void flagsAloneStartExportersAndOverrideTheFile() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    String[] args = {
      "--log.level=warn", "sync", ANY_PORT, "--sync.pair=flagged:source:" + data,
    };
    try (RunningBundle bundle = Launcher.start(args, Map.of()).bundle()) {
      assertThat(bundle.runtimes()).extracting(r -> r.name()).containsExactly("sync");
      assertThat(scrape(port(bundle, "sync")).has("sync_pair_info", "pair", "flagged")).isTrue();
    }
  }

  @Test
  void environmentVariablesOfEachExporterStillApply() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    String[] args = {"sync", ANY_PORT};
    Map<String, String> env = Map.of("SYNC_EXPORTER_SYNC_PAIR", "fromenv:source:" + data);
    try (RunningBundle bundle = Launcher.start(args, env).bundle()) {
      assertThat(scrape(port(bundle, "sync")).has("sync_pair_info", "pair", "fromenv")).isTrue();
    }
  }

  @Test
  void aBadSectionStopsStartUpNamingItsExporterAndReleasesTheOthers() throws Exception {
    int keepalivedPort = PortAllocator.freeLoopbackPort();
    Path cfg = file("keepalived: {}\nsync:\n  pairs:\n    - {name: x, role: sideways}\n");
    String[] args = {
      "--config.file=" + cfg,
      "keepalived",
      "--web.listen-address=127.0.0.1:" + keepalivedPort,
      "sync",
      ANY_PORT
    };
    assertThatThrownBy(() -> Launcher.start(args, Map.of()))
        .isInstanceOf(ExporterStartException.class)
        .hasMessageStartingWith("sync: invalid configuration")
        .hasMessageContaining("pairs[0]")
        .satisfies(e -> assertThat(((ExporterStartException) e).exporter()).isEqualTo("sync"));
    // keepalived had started first; it was stopped again, its port is free.
    try (ServerSocket s = new ServerSocket(keepalivedPort, 1, InetAddress.getLoopbackAddress())) {
      assertThat(s.getLocalPort()).isEqualTo(keepalivedPort);
    }
  }

  @Test
  void aPortInUseNamesTheExporterThatCannotListen() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String[] args = {
        "keepalived", ANY_PORT, "sync", "--web.listen-address=127.0.0.1:" + taken.getLocalPort()
      };
      assertThatThrownBy(() -> Launcher.start(args, Map.of()))
          .isInstanceOf(ExporterStartException.class)
          .hasMessageStartingWith("sync: cannot start")
          .satisfies(e -> assertThat(((ExporterStartException) e).exitCode()).isEqualTo(1));
    }
  }

  @Test
  void aBadFlagIsAUsageErrorOfThatExporter() {
    String[] args = {"keepalived", ANY_PORT, "--keepalived.no-such-flag=1"};
    assertThatThrownBy(() -> Launcher.start(args, Map.of()))
        .isInstanceOf(ExporterStartException.class)
        .hasMessageStartingWith("keepalived: ")
        .hasMessageContaining("--keepalived.no-such-flag")
        .satisfies(e -> assertThat(((ExporterStartException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void aSectionAndTheExportersOwnConfigFileCannotBothBeGiven() throws Exception {
    Path cfg = file("sync: {}\n");
    String[] args = {"--config.file=" + cfg, "sync", ANY_PORT, "--config.file=" + cfg};
    assertThatThrownBy(() -> Launcher.start(args, Map.of()))
        .hasMessageStartingWith("sync: --config.file cannot be combined");
  }

  @Test
  void configCheckChecksEverySectionAndStartsNothing() throws Exception {
    Path cfg = file("keepalived: {}\nsync: {}\n");
    Launcher.Outcome outcome =
        Launcher.start(new String[] {"--config.file=" + cfg, "--config.check"}, Map.of());
    assertThat(outcome.bundle()).isNull();
    assertThat(outcome.output())
        .isEqualTo("keepalived: configuration OK\nsync: configuration OK\n");
  }

  @Test
  void nothingToRunIsAUsageError() throws Exception {
    assertThatThrownBy(() -> Launcher.start(new String[0], Map.of()))
        .isInstanceOf(LauncherArguments.BadArgumentsException.class)
        .hasMessageContaining("no exporter to run");
    assertThat(Launcher.start(new String[] {"--help"}, Map.of()).output())
        .contains("Usage: ha-exporters");
  }

  /**
   * Sync scrapes hang on an rclone API that never answers; while two dozen of them are waiting,
   * keepalived's scrapes are answered as usual: the exporters share no request threads.
   */
  @Test
  void oneExportersHangingScrapesDoNotHoldUpAnothers() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
      Thread acceptor =
          new Thread(
              () -> {
                while (!silent.isClosed()) {
                  try {
                    accepted.add(silent.accept()); // and never answer
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      Path cfg =
          file(
              """
              keepalived: {}
              sync:
                rclone:
                  url: http://127.0.0.1:%d
                  timeout: 20s
              """
                  .formatted(silent.getLocalPort()));
      String[] args = {
        "--config.file=" + cfg, "--scrape.timeout=20s", "keepalived", ANY_PORT, "sync", ANY_PORT
      };
      try (RunningBundle bundle = Launcher.start(args, Map.of()).bundle()) {
        List<CompletableFuture<HttpResponse<String>>> hanging = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
          hanging.add(
              HttpClient.newHttpClient()
                  .sendAsync(
                      HttpRequest.newBuilder(
                              URI.create(
                                  "http://127.0.0.1:" + port(bundle, "sync") + "/metrics?n=" + i))
                          .build(),
                      HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < 3; i++) {
          assertThat(scrape(port(bundle, "keepalived")).has("keepalived_up")).isTrue();
        }
        assertThat(hanging).noneMatch(CompletableFuture::isDone);
        for (CompletableFuture<HttpResponse<String>> f : hanging) {
          f.cancel(true);
        }
        bundle.close(Duration.ZERO);
      } finally {
        silent.close();
        synchronized (accepted) {
          for (Socket s : accepted) {
            s.close();
          }
        }
      }
    }
  }
}
