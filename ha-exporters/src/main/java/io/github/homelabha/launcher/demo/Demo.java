package io.github.homelabha.launcher.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.homelabha.launcher.Launcher;
import io.github.homelabha.launcher.RunningBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Everything {@code ha-exporters demo} runs: the things to watch (keepalived cluster, replicated
 * directories, Prometheus), the exporters watching them in this JVM, and the timers that make
 * something happen. {@link #close} undoes all of it: processes, network namespaces, files.
 */
final class Demo implements AutoCloseable {
  static final int KEEPALIVED_PORT = 9165;
  static final int SYNC_PORT = 9166;
  static final int ADGUARD_PORT = 9617;
  static final int UNIFI_PORT = 9130;

  private final DemoOptions options;
  private final Workspace workspace;
  private final List<String> notes = new ArrayList<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "demo-timer");
            t.setDaemon(true);
            return t;
          });
  private KeepalivedCluster cluster;
  private SyncDemo sync;
  private AdGuardPair adguard;
  private UnifiController unifi;
  private RunningBundle bundle;
  private PrometheusDemo prometheus;
  private boolean closed;

  private Demo(DemoOptions options, Workspace workspace) {
    this.options = options;
    this.workspace = workspace;
  }

  /** A demo with its workspace, nothing started yet. */
  static Demo prepare(DemoOptions options) throws IOException {
    return new Demo(options, Workspace.create());
  }

  /** Starts everything; on failure undoes what was started and throws. */
  synchronized void start() throws Exception {
    try {
      startAll();
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private void startAll() throws Exception {
    Map<String, Object> sections = new LinkedHashMap<>();
    sections.put("keepalived", keepalivedSection());
    sync = SyncDemo.start(workspace.dir("sync"));
    sections.put("sync", sync.exporterSection());
    notes.add("sync:       " + sync.describe());
    adguard = AdGuardPair.start(workspace.dir("adguard"));
    sections.put("adguard", adguard.exporterSection());
    notes.add("adguard:    " + adguard.describe());
    unifi = UnifiController.start(workspace.dir("unifi"));
    sections.put("unifi", unifi.exporterSection());
    notes.add("unifi:      " + unifi.describe());

    Path config = workspace.root().resolve("ha-exporters.yml");
    Files.writeString(config, new ObjectMapper(new YAMLFactory()).writeValueAsString(sections));
    bundle =
        Launcher.start(
                new String[] {
                  "--config.file=" + config,
                  "keepalived",
                  "--web.listen-address=" + options.address(KEEPALIVED_PORT),
                  "sync",
                  "--web.listen-address=" + options.address(SYNC_PORT),
                  "adguard",
                  "--web.listen-address=" + options.address(ADGUARD_PORT),
                  "unifi",
                  "--web.listen-address=" + options.address(UNIFI_PORT)
                },
                System.getenv())
            .bundle();
    notes.add("configuration the exporters run with: " + config);

    startPrometheus();
    timer.scheduleWithFixedDelay(guarded("sync", sync::tick), 0, 1, TimeUnit.SECONDS);
    scheduleStalls();
    if (cluster != null) {
      long every = options.failoverEvery().toMillis();
      timer.scheduleWithFixedDelay(
          guarded("keepalived", cluster::nextStep), every, every, TimeUnit.MILLISECONDS);
    }
  }

  private Map<String, Object> keepalivedSection() {
    Optional<Path> keepalived = SystemTools.find("keepalived");
    Optional<Path> ip = SystemTools.find("ip");
    String why;
    if (!options.clusterAllowed()) {
      why = "--no-cluster";
    } else if (!SystemTools.isRoot()) {
      why = "not running as root (network namespaces need root)";
    } else if (keepalived.isEmpty() || ip.isEmpty()) {
      why = "keepalived or ip is not installed";
    } else {
      try {
        cluster =
            KeepalivedCluster.start(
                workspace.dir("keepalived"), ip.get().toString(), keepalived.get().toString());
        notes.add(
            "keepalived: two nodes in network namespaces sharing VIP "
                + KeepalivedNode.VIP
                + ", a failover every "
                + io.github.homelabha.core.config.PromDuration.format(options.failoverEvery()));
        return cluster.exporterSection();
      } catch (IOException e) {
        why = "the cluster could not be built: " + e.getMessage();
      }
    }
    notes.add(
        "keepalived: no demo cluster ("
            + why
            + "); watching this machine's keepalived, keepalived_up 0 with the reason if none runs");
    return Map.of();
  }

  private void startPrometheus() throws IOException, InterruptedException {
    Optional<Path> binary = SystemTools.find("prometheus");
    if (!options.prometheusAllowed() || binary.isEmpty()) {
      notes.add(
          "prometheus: "
              + (binary.isEmpty()
                  ? "not installed (apt-get install prometheus)"
                  : "--no-prometheus"));
      return;
    }
    Map<String, Integer> jobs = new LinkedHashMap<>();
    jobs.put("keepalived", KEEPALIVED_PORT);
    jobs.put("sync", SYNC_PORT);
    jobs.put("adguard", ADGUARD_PORT);
    jobs.put("unifi", UNIFI_PORT);
    prometheus =
        PrometheusDemo.start(binary.get(), workspace.dir("prometheus"), options, jobs, "demo");
  }

  private void scheduleStalls() {
    long every = options.stallEvery().toMillis();
    long length = Math.min(options.stallFor().toMillis(), every / 2);
    timer.scheduleWithFixedDelay(
        guarded(
            "sync",
            () -> {
              sync.stall(true);
              timer.schedule(
                  guarded("sync", () -> sync.stall(false)), length, TimeUnit.MILLISECONDS);
            }),
        every,
        every,
        TimeUnit.MILLISECONDS);
  }

  /** What to open, for the start-up message. */
  String summary() {
    StringBuilder s = new StringBuilder();
    s.append("\nha-exporters demo is running. Open:\n");
    s.append("  keepalived exporter  ").append(options.url(KEEPALIVED_PORT, "/")).append('\n');
    s.append("    failovers & reasons ")
        .append(options.url(KEEPALIVED_PORT, "/events"))
        .append('\n');
    s.append("  sync exporter        ").append(options.url(SYNC_PORT, "/")).append('\n');
    s.append("  adguard exporter     ").append(options.url(ADGUARD_PORT, "/")).append('\n');
    s.append("  unifi exporter       ").append(options.url(UNIFI_PORT, "/")).append('\n');
    if (prometheus != null) {
      s.append("  Prometheus alerts    ")
          .append(options.url(PrometheusDemo.DEFAULT_PORT, "/alerts"))
          .append('\n');
    }
    s.append('\n');
    notes.forEach(n -> s.append("  ").append(n).append('\n'));
    s.append("\nCtrl-C stops everything and removes what the demo created.\n");
    return s.toString();
  }

  RunningBundle bundle() {
    return bundle;
  }

  Path workspaceRoot() {
    return workspace.root();
  }

  boolean clusterRuns() {
    return cluster != null;
  }

  boolean prometheusRuns() {
    return prometheus != null;
  }

  private interface Step {
    void run() throws Exception;
  }

  /** A timer task that reports its failure and keeps the timer alive. */
  private static Runnable guarded(String what, Step step) {
    return () -> {
      try {
        step.run();
      } catch (Exception e) {
        System.err.println("demo: " + what + ": " + e.getMessage());
      }
    };
  }

  /** Stops everything, newest first; safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (prometheus != null) {
      prometheus.close();
    }
    if (bundle != null) {
      bundle.close(Duration.ofSeconds(1));
    }
    if (cluster != null) {
      cluster.close();
    }
    if (unifi != null) {
      unifi.close();
    }
    if (adguard != null) {
      adguard.close();
    }
    if (sync != null) {
      sync.close();
    }
    try {
      workspace.close();
    } catch (IOException e) {
      System.err.println("demo: could not delete " + workspace.root() + ": " + e.getMessage());
    }
  }
}
