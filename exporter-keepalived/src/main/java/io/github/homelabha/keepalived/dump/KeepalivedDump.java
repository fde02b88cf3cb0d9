package io.github.homelabha.keepalived.dump;

import java.util.List;
import java.util.Optional;

/**
 * Everything read from one round of dumps of one keepalived process.
 *
 * @param instances the VRRP instances in dump order
 * @param scripts the {@code vrrp_script}s (text data dump only; empty from JSON alone)
 * @param interfaces interfaces tracked by instances (text data dump only)
 * @param syncGroups the sync groups and their state (text data dump only)
 */
public record KeepalivedDump(
    List<VrrpInstance> instances,
    List<VrrpScript> scripts,
    List<TrackedInterface> interfaces,
    List<SyncGroup> syncGroups) {

  public KeepalivedDump {
    instances = List.copyOf(instances);
    scripts = List.copyOf(scripts);
    interfaces = List.copyOf(interfaces);
    syncGroups = List.copyOf(syncGroups);
  }

  public Optional<VrrpInstance> instance(String name) {
    return instances.stream().filter(i -> i.name().equals(name)).findFirst();
  }

  public Optional<VrrpScript> script(String name) {
    return scripts.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
