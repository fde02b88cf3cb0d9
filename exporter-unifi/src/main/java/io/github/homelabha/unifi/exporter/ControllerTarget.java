package io.github.homelabha.unifi.exporter;

import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.core.api.ScrapeContext;
import io.github.homelabha.core.api.ScrapeException;
import io.github.homelabha.core.api.Target;
import io.github.homelabha.unifi.client.UnifiClient;
import io.github.homelabha.unifi.client.UnifiException;
import io.github.homelabha.unifi.client.model.Device;
import io.github.homelabha.unifi.client.model.Event;
import io.github.homelabha.unifi.client.model.Site;
import io.github.homelabha.unifi.client.model.SysInfo;
import io.github.homelabha.unifi.exporter.config.ControllerConfig;
import io.github.homelabha.unifi.exporter.metrics.ClientCollector;
import io.github.homelabha.unifi.exporter.metrics.ControllerCollector;
import io.github.homelabha.unifi.exporter.metrics.DeviceCollector;
import io.github.homelabha.unifi.exporter.metrics.HealthCollector;
import io.github.homelabha.unifi.exporter.metrics.PortCollector;
import io.github.homelabha.unifi.exporter.metrics.SiteData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One controller: every scrape reads its sites' devices, clients, health, alarms and events through
 * the controller's long-lived {@link UnifiClient} session, and writes them all or nothing.
 */
final class ControllerTarget implements Target {
  private final ControllerConfig config;
  private final UnifiClient client;

  ControllerTarget(ControllerConfig config, UnifiClient client) {
    this.config = config;
    this.client = client;
  }

  @Override
  public String name() {
    return config.effectiveName();
  }

  @Override
  public String description() {
    return client.endpoint();
  }

  @Override
  public Optional<Duration> timeout() {
    // Several requests per site, each bounded by config.timeout; the scrape's own budget rules.
    return Optional.empty();
  }

  @Override
  public Duration minInterval() {
    return config.minInterval;
  }

  UnifiClient client() {
    return client;
  }

  @Override
  public void scrape(ScrapeContext context, MetricWriter out) throws ScrapeException {
    Snapshot snapshot;
    try {
      snapshot = client.withDeadline(context.deadline(), this::read);
    } catch (UnifiException e) {
      throw new ScrapeException(Reasons.of(e.kind()), name() + ": " + e.getMessage(), e);
    }
    if (snapshot.missingSite() != null) {
      throw new ScrapeException("http_status", name() + ": " + snapshot.missingSite());
    }
    snapshot.sysinfo().ifPresent(info -> ControllerCollector.writeController(info, out));
    for (int i = 0; i < snapshot.sites().size(); i++) {
      ControllerCollector.writeSite(snapshot.sites().get(i), out);
      write(snapshot.data().get(i), context, out);
    }
  }

  /** Everything one scrape reads, before anything is written. */
  private record Snapshot(
      List<Site> sites, Optional<SysInfo> sysinfo, List<SiteData> data, String missingSite) {}

  private Snapshot read() throws UnifiException {
    List<Site> all = client.sites();
    List<Site> sites = new ArrayList<>();
    for (String wanted : config.sites) {
      Optional<Site> site =
          all.stream()
              .filter(s -> s.name().equals(wanted) || s.description().equals(wanted))
              .findFirst();
      if (site.isEmpty()) {
        Set<String> known = all.stream().map(Site::name).collect(Collectors.toSet());
        return new Snapshot(
            List.of(),
            Optional.empty(),
            List.of(),
            "site " + wanted + " is not on the controller (it has " + known + ")");
      }
      sites.add(site.get());
    }
    if (config.sites.isEmpty()) {
      sites.addAll(all);
    }
    Optional<SysInfo> sysinfo =
        sites.isEmpty() ? Optional.empty() : Optional.of(client.sysinfo(sites.get(0).name()));
    List<SiteData> data = new ArrayList<>();
    for (Site site : sites) {
      data.add(fetch(site.name()));
    }
    return new Snapshot(sites, sysinfo, data, null);
  }

  /** One site's data; the raw fetch the benchmark compares the exporter against. */
  SiteData fetch(String site) throws UnifiException {
    List<Device> devices = DeviceCollector.distinct(client.devices(site));
    Optional<List<Event>> events =
        config.events
            ? Optional.of(client.events(site, Duration.ofHours(1), 3000))
            : Optional.empty();
    return new SiteData(
        site, devices, client.clients(site), client.health(site), client.alarms(site), events);
  }

  private void write(SiteData data, ScrapeContext context, MetricWriter out) {
    String site = data.site();
    HealthCollector.write(site, data.health(), out);
    DeviceCollector.write(site, data.devices(), out);
    PortCollector.write(site, data.devices(), config.nodePorts, out);
    ClientCollector.write(site, data.clients(), data.devices(), config.perClient, out);
    ControllerCollector.writeAlarms(site, data.alarms(), out);
    data.events()
        .ifPresent(
            ev ->
                ControllerCollector.writeEvents(site, ev, context.startedAt().toEpochMilli(), out));
  }
}
