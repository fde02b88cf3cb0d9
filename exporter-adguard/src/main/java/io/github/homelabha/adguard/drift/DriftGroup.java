package io.github.homelabha.adguard.drift;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The instances that should be configured alike (one {@code group}). Each instance's scrape records
 * its sections here; a comparison uses only readings younger than {@code maxAge} and is made only
 * when every member has one, so an instance that is down gives "unknown", not "in sync".
 */
public final class DriftGroup {
  private record Reading(Map<ConfigSection, SectionItems> sections, Instant at) {}

  /** The outcome of comparing one section across the group. */
  public record Comparison(
      ConfigSection section, boolean comparable, boolean inSync, List<Difference> differences) {}

  /** One item that is not the same everywhere: which instances have which variant. */
  public record Difference(String item, Map<String, List<String>> variants) {}

  private final String name;
  private final Set<String> members;
  private final Duration maxAge;
  private final Clock clock;
  private final Map<String, Reading> readings = new HashMap<>();

  public DriftGroup(String name, Set<String> members, Duration maxAge, Clock clock) {
    this.name = name;
    this.members = Set.copyOf(members);
    this.maxAge = maxAge;
    this.clock = clock;
  }

  public String name() {
    return name;
  }

  public Set<String> members() {
    return members;
  }

  public synchronized void record(String instance, Map<ConfigSection, SectionItems> sections) {
    if (!members.contains(instance)) {
      throw new IllegalArgumentException(instance + " is not a member of group " + name);
    }
    readings.put(instance, new Reading(new EnumMap<>(sections), clock.instant()));
  }

  public synchronized void forget(String instance) {
    readings.remove(instance);
  }

  public synchronized Comparison compare(ConfigSection section) {
    Instant oldest = clock.instant().minus(maxAge);
    Map<String, SectionItems> current = new TreeMap<>();
    for (String m : members) {
      Reading r = readings.get(m);
      if (r == null || r.at().isBefore(oldest) || !r.sections().containsKey(section)) {
        return new Comparison(section, false, false, List.of());
      }
      current.put(m, r.sections().get(section));
    }
    Set<String> keys = new TreeSet<>();
    current.values().forEach(s -> keys.addAll(s.items().keySet()));
    List<Difference> diffs = new ArrayList<>();
    for (String key : keys) {
      Map<String, List<String>> variants = new LinkedHashMap<>();
      List<String> distinct = new ArrayList<>();
      current.forEach(
          (instance, items) -> {
            String v = items.items().get(key);
            if (v != null && !distinct.contains(v)) {
              distinct.add(v);
            }
            // values are never shown (they may hold credentials): variants are numbered
            String variant = v == null ? "absent" : "variant " + (char) ('A' + distinct.indexOf(v));
            variants.computeIfAbsent(variant, x -> new ArrayList<>()).add(instance);
          });
      if (variants.size() > 1) {
        diffs.add(new Difference(key, variants));
      }
    }
    return new Comparison(section, true, diffs.isEmpty(), diffs);
  }
}
