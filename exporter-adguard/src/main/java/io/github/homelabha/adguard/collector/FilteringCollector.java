package io.github.homelabha.adguard.collector;

import io.github.homelabha.adguard.model.FilterList;
import io.github.homelabha.adguard.model.FilteringStatus;
import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import java.util.List;

/**
 * {@code adguard_filtering_*}, {@code adguard_filter_list_*}, {@code adguard_safebrowsing_enabled},
 * {@code adguard_parental_enabled}, {@code adguard_safesearch_enabled}. Lists are labelled by id
 * and name, never by URL (list URLs can carry access tokens).
 */
public final class FilteringCollector {
  public static final MetricFamily ENABLED =
      MetricFamily.gauge("adguard_filtering_enabled", "1 when filtering by lists and rules is on.");
  public static final MetricFamily UPDATE_INTERVAL =
      MetricFamily.gauge(
          "adguard_filtering_update_interval_seconds", "How often filter lists are updated.");
  public static final MetricFamily USER_RULES =
      MetricFamily.gauge("adguard_filtering_user_rules", "Custom filtering rules (lines).");
  public static final MetricFamily LIST_ENABLED =
      MetricFamily.gauge(
          "adguard_filter_list_enabled", "1 when the filter list is on.", "kind", "id", "name");
  public static final MetricFamily LIST_RULES =
      MetricFamily.gauge(
          "adguard_filter_list_rules", "Rules in the filter list.", "kind", "id", "name");
  public static final MetricFamily LIST_UPDATED =
      MetricFamily.gauge(
          "adguard_filter_list_last_updated_timestamp_seconds",
          "Last update attempt of the filter list (AdGuard sets it even when the download"
              + " failed); absent when never updated.",
          "kind",
          "id",
          "name");
  public static final MetricFamily SAFEBROWSING =
      MetricFamily.gauge("adguard_safebrowsing_enabled", "1 when safe browsing is on.");
  public static final MetricFamily PARENTAL =
      MetricFamily.gauge("adguard_parental_enabled", "1 when parental control is on.");
  public static final MetricFamily SAFESEARCH =
      MetricFamily.gauge("adguard_safesearch_enabled", "1 when safe search is enforced.");

  public static final List<MetricFamily> FAMILIES =
      List.of(
          ENABLED,
          UPDATE_INTERVAL,
          USER_RULES,
          LIST_ENABLED,
          LIST_RULES,
          LIST_UPDATED,
          SAFEBROWSING,
          PARENTAL,
          SAFESEARCH);

  private FilteringCollector() {}

  public static void write(
      FilteringStatus f,
      boolean safebrowsing,
      boolean parental,
      boolean safesearch,
      MetricWriter out) {
    out.gauge(ENABLED, f.enabled());
    out.gauge(UPDATE_INTERVAL, f.intervalHours() * 3600.0);
    out.gauge(USER_RULES, f.userRules());
    java.util.Set<String> written = new java.util.HashSet<>();
    lists("block", f.blockLists(), written, out);
    lists("allow", f.allowLists(), written, out);
    out.gauge(SAFEBROWSING, safebrowsing);
    out.gauge(PARENTAL, parental);
    out.gauge(SAFESEARCH, safesearch);
  }

  private static void lists(
      String kind, List<FilterList> lists, java.util.Set<String> written, MetricWriter out) {
    for (FilterList l : lists) {
      String id = Long.toString(l.id());
      if (!written.add(kind + "/" + id)) {
        continue; // a repeated id would be a duplicate series
      }
      out.gauge(LIST_ENABLED, l.enabled(), kind, id, l.name());
      out.gauge(LIST_RULES, l.rulesCount(), kind, id, l.name());
      l.lastUpdated()
          .ifPresent(t -> out.gauge(LIST_UPDATED, t.toEpochMilli() / 1000.0, kind, id, l.name()));
    }
  }
}
