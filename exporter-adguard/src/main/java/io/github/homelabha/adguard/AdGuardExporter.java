package io.github.homelabha.adguard;

import io.github.homelabha.adguard.client.AdGuardClient;
import io.github.homelabha.adguard.client.AdGuardLogin;
import io.github.homelabha.adguard.collector.DhcpCollector;
import io.github.homelabha.adguard.collector.DriftCollector;
import io.github.homelabha.adguard.collector.FilteringCollector;
import io.github.homelabha.adguard.collector.QueryLogCollector;
import io.github.homelabha.adguard.collector.StatsCollector;
import io.github.homelabha.adguard.collector.StatusCollector;
import io.github.homelabha.adguard.drift.DriftGroup;
import io.github.homelabha.adguard.querylog.QueryLogTailer;
import io.github.homelabha.core.api.ConfigFlag;
import io.github.homelabha.core.api.Exporter;
import io.github.homelabha.core.api.ExporterSetup;
import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.upstream.BasicAuthConfig;
import io.github.homelabha.core.upstream.LoginSession;
import io.github.homelabha.core.upstream.UpstreamClient;
import io.github.homelabha.core.upstream.UpstreamHttp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The AdGuard Home instances of an HA pair (or more) in one exporter. */
public final class AdGuardExporter implements Exporter<AdGuardConfig> {
  /** The drift group of instances that name none. */
  static final String DEFAULT_GROUP = "default";

  private final Clock clock;

  public AdGuardExporter() {
    this(Clock.systemUTC());
  }

  AdGuardExporter(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "adguard";
  }

  @Override
  public int defaultPort() {
    return 9617;
  }

  @Override
  public String description() {
    return "AdGuard Home instances: status, true query counters from the query log, statistics"
        + " and configuration drift between the instances.";
  }

  @Override
  public Class<AdGuardConfig> configClass() {
    return AdGuardConfig.class;
  }

  @Override
  public List<ConfigFlag> flags() {
    return List.of(
        ConfigFlag.value(
            "adguard.url", "adguard.url", "URL of one AdGuard Home, e.g. http://127.0.0.1:3000."),
        ConfigFlag.value("adguard.username", "adguard.username", "AdGuard Home's admin user."),
        ConfigFlag.value(
            "adguard.password-file",
            "adguard.password_file",
            "File holding the admin password (one trailing newline is dropped)."),
        ConfigFlag.value(
            "adguard.name", "adguard.name", "Name of that instance (the target label; adguard)."));
  }

  @Override
  public List<MetricFamily> metricFamilies() {
    return Stream.of(
            StatusCollector.FAMILIES,
            DhcpCollector.FAMILIES,
            FilteringCollector.FAMILIES,
            StatsCollector.FAMILIES,
            QueryLogCollector.FAMILIES,
            DriftCollector.FAMILIES)
        .flatMap(List::stream)
        .toList();
  }

  @Override
  public void configure(AdGuardConfig config, ExporterSetup setup) throws Exception {
    List<InstanceConfig> instances = config.allInstances();
    Map<String, Set<String>> members = new LinkedHashMap<>();
    for (InstanceConfig i : instances) {
      members.computeIfAbsent(groupOf(i), g -> new LinkedHashSet<>()).add(i.name);
    }
    Map<String, DriftGroup> groups = new LinkedHashMap<>();
    members.forEach(
        (g, names) ->
            groups.put(
                g,
                new DriftGroup(
                    g, names, config.configInterval.multipliedBy(2).plusMinutes(1), clock)));

    UpstreamHttp http = UpstreamHttp.create(setup, name());
    for (InstanceConfig i : instances) {
      LoginSession session = null;
      if (i.basicAuth == null && i.auth == InstanceConfig.Auth.BASIC) {
        i.basicAuth = new BasicAuthConfig();
        i.basicAuth.username = i.username;
        i.basicAuth.password = i.password;
      }
      if (i.password != null) {
        setup.registerSecret(i.password.value());
      }
      UpstreamClient upstream = http.client(i.name, i);
      if (i.basicAuth == null) {
        session = http.session(upstream, new AdGuardLogin(i.username, i.password));
      }
      QueryLogTailer tailer =
          new QueryLogTailer(
              config.querylog.pageSize,
              config.querylog.overlap,
              config.querylog.maxEntriesPerScrape,
              config.querylog.maxEntriesPerScrape);
      setup.addTarget(
          new AdGuardTarget(
              i.name,
              new AdGuardClient(upstream, session),
              tailer,
              groups.get(groupOf(i)),
              config.configInterval,
              config.statsTopN,
              clock));
    }
    List<DriftGroup> all = new ArrayList<>(groups.values());
    setup.addLandingSection("Configuration drift", () -> DriftLandingTable.of(all));
  }

  private static String groupOf(InstanceConfig i) {
    return i.group == null || i.group.isEmpty() ? DEFAULT_GROUP : i.group;
  }
}
