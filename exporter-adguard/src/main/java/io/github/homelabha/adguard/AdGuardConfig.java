package io.github.homelabha.adguard;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Secret;
import io.github.homelabha.core.api.Validatable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The exporter's YAML file ({@code --config.file}); see the module README. */
public final class AdGuardConfig implements Validatable {
  public List<InstanceConfig> instances = new ArrayList<>();

  /** One instance from flags: {@code --adguard.url}, {@code --adguard.username}, ... */
  public Single adguard = new Single();

  /** How often the configuration sections compared for drift are read (they change rarely). */
  public Duration configInterval = Duration.ofMinutes(1);

  /** How many entries of each statistics top list become series. */
  public int statsTopN = 10;

  public QueryLog querylog = new QueryLog();

  /** The instance given by flags. */
  public static final class Single {
    public String url = "";
    public String username = "";
    public Secret password;
    public String name = "adguard";
  }

  /** How the query log is followed. */
  public static final class QueryLog {
    public int pageSize = 500;
    public Duration overlap = Duration.ofSeconds(15);
    public int maxEntriesPerScrape = 200_000;
  }

  /** The configured instances, with the one from flags (if any) appended. */
  public List<InstanceConfig> allInstances() {
    List<InstanceConfig> all = new ArrayList<>(instances);
    if (adguard != null && adguard.url != null && !adguard.url.isEmpty()) {
      InstanceConfig one = new InstanceConfig();
      one.name = adguard.name;
      one.url = adguard.url;
      one.username = adguard.username;
      one.password = adguard.password;
      all.add(one);
    }
    return all;
  }

  @Override
  public void validate(ConfigProblems problems) {
    List<InstanceConfig> all = allInstances();
    problems.require(
        !all.isEmpty(),
        "instances",
        "no AdGuard Home instance: give --adguard.url (with --adguard.username and"
            + " --adguard.password-file) or an instances: list in --config.file");
    Set<String> names = new HashSet<>();
    for (int i = 0; i < instances.size(); i++) {
      // each InstanceConfig validates itself (the core walks the tree); names are checked here
      InstanceConfig c = instances.get(i);
      problems.require(
          c.name == null || names.add(c.name), "instances[" + i + "].name", "used twice");
    }
    if (adguard != null && adguard.url != null && !adguard.url.isEmpty()) {
      all.get(all.size() - 1).validate(problems.at("adguard"));
      problems.require(names.add(adguard.name), "adguard.name", "also used in instances");
    }
    problems.require(
        configInterval != null && !configInterval.isNegative() && !configInterval.isZero(),
        "config_interval",
        "must be positive, e.g. 1m");
    problems.require(statsTopN >= 0 && statsTopN <= 100, "stats_top_n", "between 0 and 100");
    problems.require(
        querylog != null && querylog.pageSize >= 50 && querylog.pageSize <= 1000,
        "querylog.page_size",
        "between 50 and 1000");
    problems.require(
        querylog != null && querylog.overlap != null && querylog.overlap.toSeconds() >= 1,
        "querylog.overlap",
        "at least 1s (AdGuard's upstream timeout, 10s by default, is a good floor)");
    problems.require(
        querylog != null && querylog.maxEntriesPerScrape >= querylog.pageSize,
        "querylog.max_entries_per_scrape",
        "at least page_size");
  }
}
