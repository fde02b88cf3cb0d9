package io.github.homelabha.sync;

import io.github.homelabha.core.api.ConfigFlag;
import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import io.github.homelabha.core.api.Exporter;
import io.github.homelabha.core.api.ExporterSetup;
import io.github.homelabha.core.api.LandingTable;
import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.upstream.UpstreamHttp;
import io.github.homelabha.sync.canary.CanaryCollector;
import io.github.homelabha.sync.canary.CanaryWriteTask;
import io.github.homelabha.sync.canary.CanaryWriter;
import io.github.homelabha.sync.lsyncd.LsyncdCollector;
import io.github.homelabha.sync.lsyncd.LsyncdTarget;
import io.github.homelabha.sync.pair.PairCollector;
import io.github.homelabha.sync.pair.PairConfig;
import io.github.homelabha.sync.pair.PairTarget;
import io.github.homelabha.sync.proc.ProcessTable;
import io.github.homelabha.sync.rclone.RcClient;
import io.github.homelabha.sync.rclone.RcloneJobCollector;
import io.github.homelabha.sync.rclone.RcloneJobConfig;
import io.github.homelabha.sync.rclone.RcloneJobsTarget;
import io.github.homelabha.sync.rclone.RcloneRcCollector;
import io.github.homelabha.sync.rclone.RcloneRcTarget;
import io.github.homelabha.sync.rclone.RcloneStateStore;
import io.github.homelabha.sync.role.RoleResolver;
import io.github.homelabha.sync.tree.TreeCollector;
import io.github.homelabha.sync.tree.TreeScanTask;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Replication lag and consistency of directories copied from the active node to the standby: canary
 * heartbeats, tree summaries, lsyncd's status and rclone's results. One target per pair (named
 * after it), plus {@code lsyncd}, {@code rclone} and {@code rclone_jobs} when configured.
 */
public final class SyncExporter implements Exporter<SyncConfig> {
  private final Clock clock;

  public SyncExporter() {
    this(Clock.systemUTC());
  }

  SyncExporter(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "sync";
  }

  @Override
  public int defaultPort() {
    return 9166;
  }

  @Override
  public String description() {
    return "Replication lag and consistency between the active node and the standby"
        + " (canary files, tree summaries, lsyncd, rclone).";
  }

  @Override
  public Class<SyncConfig> configClass() {
    return SyncConfig.class;
  }

  @Override
  public List<ConfigFlag> flags() {
    return List.of(
        ConfigFlag.repeatable(
            "sync.pair",
            "pairs",
            "A replicated directory as NAME:ROLE:PATH, ROLE source|replica|auto (repeatable).",
            PairConfig::parseFlag),
        ConfigFlag.value(
            "canary.interval", "canary.interval", "How often the source writes the canary (5s)."),
        ConfigFlag.value(
            "canary.file-name", "canary.file_name", "Canary file name in each pair's directory."),
        ConfigFlag.value(
            "role.vip", "role.vip", "VIP whose holder is the source for pairs with role auto."),
        ConfigFlag.value(
            "role.netns",
            "role.netns",
            "Network namespace to look for the VIP in (default: this process's)."),
        ConfigFlag.value(
            "tree.scan-interval", "tree.scan_interval", "Shortest pause between tree scans (5s)."),
        ConfigFlag.value(
            "lsyncd.status-file", "lsyncd.status_file", "lsyncd's settings.statusFile."),
        ConfigFlag.value("lsyncd.log-file", "lsyncd.log_file", "lsyncd's settings.logfile."),
        ConfigFlag.value(
            "rclone.url", "rclone.url", "rclone rc API base URL, e.g. http://127.0.0.1:5572."),
        ConfigFlag.repeatable(
            "rclone.job",
            "rclone.jobs",
            "A one-shot rclone job as NAME:LOG_FILE (--use-json-log -v log; repeatable).",
            RcloneJobConfig::parseFlag),
        ConfigFlag.value(
            "rclone.state-file",
            "rclone.state_file",
            "Where job results are kept across restarts."));
  }

  @Override
  public List<MetricFamily> metricFamilies() {
    return Stream.of(
            PairCollector.FAMILIES,
            CanaryCollector.FAMILIES,
            TreeCollector.FAMILIES,
            LsyncdCollector.FAMILIES,
            RcloneRcCollector.FAMILIES,
            RcloneJobCollector.FAMILIES)
        .flatMap(List::stream)
        .toList();
  }

  @Override
  public void configure(SyncConfig config, ExporterSetup setup) throws InvalidConfigException {
    RoleResolver roles = RoleResolver.fromConfig(config.role, clock);
    String writerName = config.canary.writer.isEmpty() ? hostName() : config.canary.writer;

    Map<String, PairTarget> pairTargets = new LinkedHashMap<>();
    Map<String, CanaryWriter> writers = new LinkedHashMap<>();
    Map<String, Path> directories = new LinkedHashMap<>();
    for (PairConfig pair : config.pairs) {
      Path dir = Path.of(pair.path);
      directories.put(pair.name, dir);
      writers.put(pair.name, new CanaryWriter(dir, config.canary.fileName, writerName, clock));
    }
    // pairTargets is filled below; the writer asks it only once started, after configure.
    CanaryWriteTask writeTask =
        new CanaryWriteTask(
            writers,
            name -> pairTargets.get(name).isSourceNow(),
            config.canary.interval.toMillis(),
            clock);
    Optional<TreeScanTask> scanTask =
        config.tree.enabled && !directories.isEmpty()
            ? Optional.of(
                new TreeScanTask(directories, config.tree, config.canary::isCanaryFile, clock))
            : Optional.empty();
    for (PairConfig pair : config.pairs) {
      PairTarget target =
          new PairTarget(
              pair.name,
              pair.parsedRole(),
              directories.get(pair.name),
              config.canary.fileName,
              config.canary.interval,
              config.tree.sampleSize,
              roles,
              writeTask,
              scanTask,
              clock);
      pairTargets.put(pair.name, target);
      setup.addTarget(target);
    }
    if (!writers.isEmpty()) {
      setup.addTask(writeTask);
    }
    scanTask.ifPresent(setup::addTask);

    if (config.lsyncd.enabled()) {
      setup.addTarget(
          new LsyncdTarget(config.lsyncd, pairBySource(config.pairs), ProcessTable.system()));
    }
    if (config.rclone.rcEnabled()) {
      UpstreamHttp http = UpstreamHttp.create(setup, name());
      setup.addTarget(
          new RcloneRcTarget(
              new RcClient(http.client("rclone", config.rclone)), config.rclone.url));
    }
    if (!config.rclone.jobs.isEmpty()) {
      setup.addTarget(
          new RcloneJobsTarget(
              config.rclone.jobs,
              new RcloneStateStore(Path.of(config.rclone.stateFile)),
              ProcessTable.system(),
              config.rclone.settle,
              ZoneId.systemDefault(),
              clock));
    }
    if (config.pairs.isEmpty()
        && !config.lsyncd.enabled()
        && !config.rclone.rcEnabled()
        && config.rclone.jobs.isEmpty()) {
      setup.addTarget(new NothingConfiguredTarget());
    }
    List<PairTarget> pairList = List.copyOf(pairTargets.values());
    setup.addLandingSection("Pairs", () -> pairsTable(pairList));
    setup.addJsonEndpoint(
        "/pairs",
        "Each pair's role now, last canary written by this node and latest tree scan",
        () -> pairList.stream().map(PairTarget::status).toList());
  }

  /** lsyncd prints sources with a trailing slash; pairs are matched on that form. */
  static Map<String, String> pairBySource(List<PairConfig> pairs) {
    Map<String, String> result = new LinkedHashMap<>();
    for (PairConfig pair : pairs) {
      String normalised = pair.path.endsWith("/") ? pair.path : pair.path + "/";
      result.putIfAbsent(normalised, pair.name);
    }
    return result;
  }

  private static LandingTable pairsTable(List<PairTarget> pairs) {
    List<List<String>> rows = new ArrayList<>();
    for (PairTarget pair : pairs) {
      Map<String, Object> s = pair.status();
      rows.add(
          List.of(
              String.valueOf(s.get("pair")),
              String.valueOf(s.get("configured_role")),
              String.valueOf(s.get("role")),
              String.valueOf(s.get("path")),
              String.valueOf(s.getOrDefault("tree_files", "-")),
              String.valueOf(
                  s.getOrDefault("canary_write_error", s.getOrDefault("tree_scan_error", "")))));
    }
    return new LandingTable(
        List.of("pair", "configured role", "role now", "path", "files", "last error"), rows);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      String env = System.getenv("HOSTNAME");
      return env == null || env.isEmpty() ? "unknown" : env;
    }
  }
}
