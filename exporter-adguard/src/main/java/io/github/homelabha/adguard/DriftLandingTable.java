package io.github.homelabha.adguard;

import io.github.homelabha.adguard.drift.ConfigSection;
import io.github.homelabha.adguard.drift.DriftGroup;
import io.github.homelabha.core.api.LandingTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The landing page's "Configuration drift" table: per group and section, whether the instances
 * agree and which items differ (names only: values are never shown, they may hold credentials).
 */
final class DriftLandingTable {
  private static final int MAX_ITEMS_SHOWN = 10;

  private DriftLandingTable() {}

  static LandingTable of(List<DriftGroup> groups) {
    List<List<String>> rows = new ArrayList<>();
    for (DriftGroup g : groups) {
      if (g.members().size() < 2) {
        continue;
      }
      for (ConfigSection s : ConfigSection.values()) {
        DriftGroup.Comparison c = g.compare(s);
        String state =
            !c.comparable()
                ? "unknown (an instance is not read)"
                : c.inSync() ? "in sync" : "differs";
        rows.add(List.of(g.name(), s.label(), state, describe(c.differences())));
      }
    }
    return new LandingTable(List.of("group", "section", "state", "differing items"), rows);
  }

  private static String describe(List<DriftGroup.Difference> diffs) {
    List<String> parts = new ArrayList<>();
    for (DriftGroup.Difference d : diffs.subList(0, Math.min(diffs.size(), MAX_ITEMS_SHOWN))) {
      List<String> variants = new ArrayList<>();
      for (Map.Entry<String, List<String>> v : d.variants().entrySet()) {
        variants.add(v.getKey() + " on " + String.join(", ", v.getValue()));
      }
      parts.add(d.item() + " (" + String.join("; ", variants) + ")");
    }
    if (diffs.size() > MAX_ITEMS_SHOWN) {
      parts.add("and " + (diffs.size() - MAX_ITEMS_SHOWN) + " more");
    }
    return String.join(" | ", parts);
  }
}
