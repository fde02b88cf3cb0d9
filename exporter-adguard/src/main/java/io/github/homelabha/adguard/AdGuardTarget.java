package io.github.homelabha.adguard;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.homelabha.adguard.client.AdGuardClient;
import io.github.homelabha.adguard.collector.DhcpCollector;
import io.github.homelabha.adguard.collector.DriftCollector;
import io.github.homelabha.adguard.collector.FilteringCollector;
import io.github.homelabha.adguard.collector.QueryLogCollector;
import io.github.homelabha.adguard.collector.StatsCollector;
import io.github.homelabha.adguard.collector.StatusCollector;
import io.github.homelabha.adguard.drift.ConfigItems;
import io.github.homelabha.adguard.drift.ConfigSection;
import io.github.homelabha.adguard.drift.DriftGroup;
import io.github.homelabha.adguard.drift.SectionItems;
import io.github.homelabha.adguard.model.AdGuardParseException;
import io.github.homelabha.adguard.model.DhcpStatus;
import io.github.homelabha.adguard.model.FilteringStatus;
import io.github.homelabha.adguard.model.ServerStatus;
import io.github.homelabha.adguard.model.Stats;
import io.github.homelabha.adguard.querylog.QueryLogTailer;
import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.core.api.ScrapeContext;
import io.github.homelabha.core.api.Target;
import io.github.homelabha.core.upstream.UpstreamException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * One AdGuard Home instance. A scrape reads status, statistics, filtering, DHCP and the protection
 * switches, follows the query log since the last scrape and, every {@code config_interval}, the
 * configuration sections compared within the drift group. Any failure fails the whole scrape
 * ({@code adguard_up 0}, no other series) and withdraws the instance from drift comparisons.
 */
final class AdGuardTarget implements Target {
  private final String name;
  private final AdGuardClient client;
  private final QueryLogTailer tailer;
  private final DriftGroup group;
  private final Duration configInterval;
  private final int statsTopN;
  private final Clock clock;
  private Map<ConfigSection, SectionItems> slowSections = Map.of();
  private Instant slowSectionsAt = Instant.MIN;

  AdGuardTarget(
      String name,
      AdGuardClient client,
      QueryLogTailer tailer,
      DriftGroup group,
      Duration configInterval,
      int statsTopN,
      Clock clock) {
    this.name = name;
    this.client = client;
    this.tailer = tailer;
    this.group = group;
    this.configInterval = configInterval;
    this.statsTopN = statsTopN;
    this.clock = clock;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return client.url() + " (group " + group.name() + ")";
  }

  @Override
  public void scrape(ScrapeContext ctx, MetricWriter out) throws Exception {
    try {
      ServerStatus status = client.status(ctx);
      Stats stats = client.stats(ctx);
      JsonNode filteringJson = client.json(ctx, "control/filtering/status");
      JsonNode dhcpJson = client.json(ctx, "control/dhcp/status");
      boolean safebrowsing = client.toggle(ctx, "control/safebrowsing/status").enabled();
      boolean parental = client.toggle(ctx, "control/parental/status").enabled();
      boolean safesearch = client.toggle(ctx, "control/safesearch/status").enabled();
      FilteringStatus filtering;
      DhcpStatus dhcp;
      Map<ConfigSection, SectionItems> sections = new EnumMap<>(ConfigSection.class);
      try {
        filtering = FilteringStatus.parse(filteringJson);
        dhcp = DhcpStatus.parse(dhcpJson);
        sections.put(ConfigSection.USER_RULES, ConfigItems.userRules(filteringJson));
        sections.put(ConfigSection.FILTER_LISTS, ConfigItems.filterLists(filteringJson));
        sections.put(ConfigSection.DHCP, ConfigItems.dhcp(dhcpJson));
        sections.putAll(slowSections(ctx));
      } catch (AdGuardParseException e) {
        throw UpstreamException.parse(e.getMessage(), e);
      }
      tailer.poll((olderThan, limit) -> client.queryLog(ctx, olderThan, limit));
      group.record(name, sections);

      StatusCollector.write(status, out);
      StatsCollector.write(stats, statsTopN, out);
      FilteringCollector.write(filtering, safebrowsing, parental, safesearch, out);
      DhcpCollector.write(dhcp, out);
      QueryLogCollector.write(tailer, out);
      DriftCollector.write(sections, group, out);
    } catch (Exception e) {
      group.forget(name);
      throw e;
    }
  }

  /** Sections that change rarely, read at most every {@code config_interval}. */
  private Map<ConfigSection, SectionItems> slowSections(ScrapeContext ctx)
      throws UpstreamException, AdGuardParseException {
    Instant now = clock.instant();
    if (Duration.between(slowSectionsAt, now).compareTo(configInterval) < 0) {
      return slowSections;
    }
    Map<ConfigSection, SectionItems> m = new EnumMap<>(ConfigSection.class);
    m.put(
        ConfigSection.UPSTREAM_DNS, ConfigItems.upstreamDns(client.json(ctx, "control/dns_info")));
    m.put(ConfigSection.CLIENTS, ConfigItems.clients(client.json(ctx, "control/clients")));
    m.put(ConfigSection.REWRITES, ConfigItems.rewrites(client.json(ctx, "control/rewrite/list")));
    m.put(
        ConfigSection.BLOCKED_SERVICES,
        ConfigItems.blockedServices(client.json(ctx, "control/blocked_services/get")));
    slowSections = m;
    slowSectionsAt = now;
    return m;
  }
}
