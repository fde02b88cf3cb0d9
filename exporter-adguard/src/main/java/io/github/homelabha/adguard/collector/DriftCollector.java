package io.github.homelabha.adguard.collector;

import io.github.homelabha.adguard.drift.ConfigSection;
import io.github.homelabha.adguard.drift.DriftGroup;
import io.github.homelabha.adguard.drift.SectionItems;
import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import java.util.List;
import java.util.Map;

/** {@code adguard_config_*}: fingerprints per section and agreement within the drift group. */
public final class DriftCollector {
  public static final MetricFamily FINGERPRINT =
      MetricFamily.gauge(
          "adguard_config_fingerprint",
          "Hash of the configuration section (48 bits of SHA-256): equal on two instances when"
              + " they are configured alike.",
          "section");
  public static final MetricFamily IN_SYNC =
      MetricFamily.gauge(
          "adguard_config_in_sync",
          "1 when every instance of this instance's group has the same configuration section;"
              + " absent while any of them cannot be read.",
          "section");
  public static final MetricFamily DIFFERENCES =
      MetricFamily.gauge(
          "adguard_config_differing_items",
          "Items of the section (rules, lists, clients, settings) that differ within the group;"
              + " the landing page names them.",
          "section");

  public static final List<MetricFamily> FAMILIES = List.of(FINGERPRINT, IN_SYNC, DIFFERENCES);

  private DriftCollector() {}

  public static void write(
      Map<ConfigSection, SectionItems> own, DriftGroup group, MetricWriter out) {
    for (ConfigSection section : ConfigSection.values()) {
      SectionItems items = own.get(section);
      if (items != null) {
        out.gauge(FINGERPRINT, items.fingerprint(), section.label());
      }
      DriftGroup.Comparison c = group.compare(section);
      if (c.comparable()) {
        out.gauge(IN_SYNC, c.inSync(), section.label());
        out.gauge(DIFFERENCES, c.differences().size(), section.label());
      }
    }
  }
}
