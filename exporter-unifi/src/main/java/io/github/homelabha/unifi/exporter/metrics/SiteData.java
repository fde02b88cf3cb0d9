package io.github.homelabha.unifi.exporter.metrics;

import io.github.homelabha.unifi.client.model.Alarm;
import io.github.homelabha.unifi.client.model.Client;
import io.github.homelabha.unifi.client.model.Device;
import io.github.homelabha.unifi.client.model.Event;
import io.github.homelabha.unifi.client.model.HealthSubsystem;
import java.util.List;
import java.util.Optional;

/**
 * What one scrape read about one site.
 *
 * @param events empty when the controller does not serve events
 */
public record SiteData(
    String site,
    List<Device> devices,
    List<Client> clients,
    List<HealthSubsystem> health,
    List<Alarm> alarms,
    Optional<List<Event>> events) {}
