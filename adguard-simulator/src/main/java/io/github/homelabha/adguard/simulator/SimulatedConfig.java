package io.github.homelabha.adguard.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration sections an operator edits (and that drift between two instances): filter
 * lists, user rules, rewrites, persistent clients, blocked services, DNS settings, DHCP, protection
 * and the safe-browsing, parental and safe-search switches. A drift adds a user rule and a rewrite
 * that the other instance does not have.
 */
final class SimulatedConfig {
  static final String DRIFT_RULE = "||drift-test.example^";
  static final String DRIFT_REWRITE_DOMAIN = "drift-test.example";

  private final Clock clock;
  private final String nodeName;
  private boolean protectionEnabled = true;
  private Instant protectionDisabledUntil;
  private boolean drifted;
  private Instant filtersUpdated;

  SimulatedConfig(Clock clock, String nodeName) {
    this.clock = clock;
    this.nodeName = nodeName;
    this.filtersUpdated = clock.instant().minusSeconds(3 * 3600);
  }

  synchronized void setProtection(boolean enabled, long durationMillis) {
    protectionEnabled = enabled;
    protectionDisabledUntil =
        !enabled && durationMillis > 0 ? clock.instant().plusMillis(durationMillis) : null;
  }

  synchronized boolean protectionEnabled() {
    if (!protectionEnabled
        && protectionDisabledUntil != null
        && !clock.instant().isBefore(protectionDisabledUntil)) {
      protectionEnabled = true;
      protectionDisabledUntil = null;
    }
    return protectionEnabled;
  }

  /** Milliseconds until protection comes back on by itself; 0 when enabled or disabled for good. */
  synchronized long protectionDisabledMillis() {
    if (protectionEnabled() || protectionDisabledUntil == null) {
      return 0;
    }
    return Math.max(0, protectionDisabledUntil.toEpochMilli() - clock.millis());
  }

  synchronized void setDrifted(boolean on) {
    drifted = on;
  }

  synchronized boolean drifted() {
    return drifted;
  }

  synchronized void setFiltersUpdated(Instant when) {
    filtersUpdated = when;
  }

  synchronized Map<String, Object> dnsInfo() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("upstream_dns", List.of("https://dns.quad9.net/dns-query", "tls://1.1.1.1"));
    m.put("upstream_dns_file", "");
    m.put("bootstrap_dns", List.of("9.9.9.10", "149.112.112.10"));
    m.put("fallback_dns", List.of());
    m.put("protection_enabled", protectionEnabled());
    m.put("protection_disabled_until", "");
    m.put("ratelimit", 20);
    m.put("ratelimit_subnet_len_ipv4", 24);
    m.put("ratelimit_subnet_len_ipv6", 56);
    m.put("ratelimit_whitelist", List.of());
    m.put("blocking_mode", "default");
    m.put("blocking_ipv4", "");
    m.put("blocking_ipv6", "");
    m.put("blocked_response_ttl", 10);
    m.put("edns_cs_enabled", false);
    m.put("edns_cs_use_custom", false);
    m.put("edns_cs_custom_ip", "");
    m.put("disable_ipv6", false);
    m.put("dnssec_enabled", true);
    m.put("cache_size", 4194304);
    m.put("cache_ttl_min", 0);
    m.put("cache_ttl_max", 0);
    m.put("cache_enabled", true);
    m.put("cache_optimistic", false);
    m.put("upstream_mode", "load_balance");
    m.put("use_private_ptr_resolvers", true);
    m.put("resolve_clients", true);
    m.put("local_ptr_upstreams", List.of("192.168.1.1"));
    m.put("upstream_timeout", 10);
    m.put("default_local_ptr_upstreams", List.of("192.168.1.1"));
    return m;
  }

  synchronized Map<String, Object> filteringStatus() {
    String updated =
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
            filtersUpdated.atOffset(java.time.ZoneOffset.UTC));
    List<Object> filters = new ArrayList<>();
    filters.add(
        filter(
            1,
            "AdGuard DNS filter",
            "https://adguardteam.github.io/HostlistsRegistry/assets/filter_1.txt",
            61_234,
            updated));
    filters.add(
        filter(
            2,
            "AdAway Default Blocklist",
            "https://adguardteam.github.io/HostlistsRegistry/assets/filter_2.txt",
            6_540,
            updated));
    filters.add(filter(3, "OISD small", "https://small.oisd.nl/", 44_012, updated));
    List<String> rules =
        new ArrayList<>(List.of("@@||printer.lan^", "||telemetry.example^", "# our own rules"));
    if (drifted) {
      rules.add(DRIFT_RULE);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enabled", true);
    m.put("interval", 24);
    m.put("filters", filters);
    m.put("whitelist_filters", List.of());
    m.put("user_rules", rules);
    return m;
  }

  private static Map<String, Object> filter(
      long id, String name, String url, long rules, String updated) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", id);
    f.put("enabled", true);
    f.put("url", url);
    f.put("name", name);
    f.put("rules_count", rules);
    f.put("last_updated", updated);
    return f;
  }

  synchronized List<Object> rewrites() {
    List<Object> list = new ArrayList<>();
    list.add(Map.of("domain", "nas.lan", "answer", "192.168.1.10", "enabled", true));
    list.add(Map.of("domain", "grafana.lan", "answer", "192.168.1.2", "enabled", true));
    if (drifted) {
      list.add(Map.of("domain", DRIFT_REWRITE_DOMAIN, "answer", "192.168.1.99", "enabled", true));
    }
    return list;
  }

  synchronized Map<String, Object> clients() {
    Map<String, Object> kid = new LinkedHashMap<>();
    kid.put("name", "kids-tablet");
    kid.put("ids", List.of("192.168.1.50"));
    kid.put("use_global_settings", false);
    kid.put("filtering_enabled", true);
    kid.put("parental_enabled", true);
    kid.put("safebrowsing_enabled", true);
    kid.put("use_global_blocked_services", false);
    kid.put("blocked_services", List.of("tiktok"));
    kid.put("upstreams", List.of());
    kid.put("tags", List.of("device_tablet"));
    kid.put("ignore_querylog", false);
    kid.put("ignore_statistics", false);
    Map<String, Object> nas = new LinkedHashMap<>();
    nas.put("name", "nas");
    nas.put("ids", List.of("192.168.1.10"));
    nas.put("use_global_settings", true);
    nas.put("use_global_blocked_services", true);
    nas.put("upstreams", List.of());
    nas.put("tags", List.of("device_nas"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("clients", List.of(kid, nas));
    m.put(
        "auto_clients",
        List.of(
            Map.of(
                "ip",
                "192.168.1.23",
                "name",
                "phone.lan",
                "source",
                "rDNS",
                "whois_info",
                Map.of())));
    m.put("supported_tags", List.of("device_nas", "device_tablet", "device_phone"));
    return m;
  }

  synchronized Map<String, Object> blockedServices() {
    return Map.of("ids", List.of("tiktok", "twitch"), "schedule", Map.of("time_zone", "Local"));
  }

  synchronized Map<String, Object> dhcpStatus() {
    Map<String, Object> v4 = new LinkedHashMap<>();
    v4.put("gateway_ip", "192.168.1.1");
    v4.put("subnet_mask", "255.255.255.0");
    v4.put("range_start", "192.168.1.100");
    v4.put("range_end", "192.168.1.200");
    v4.put("lease_duration", 86400);
    String expires =
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
            clock.instant().plusSeconds(7200).atOffset(java.time.ZoneOffset.UTC));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enabled", false);
    m.put("interface_name", "eth0");
    m.put("v4", v4);
    m.put("v6", Map.of("range_start", "", "lease_duration", 86400));
    m.put(
        "leases",
        List.of(
            Map.of(
                "mac",
                "aa:bb:cc:00:00:01",
                "ip",
                "192.168.1.101",
                "hostname",
                "phone-" + nodeName,
                "expires",
                expires),
            Map.of(
                "mac",
                "aa:bb:cc:00:00:02",
                "ip",
                "192.168.1.102",
                "hostname",
                "laptop",
                "expires",
                expires)));
    m.put(
        "static_leases",
        List.of(Map.of("mac", "aa:bb:cc:00:00:10", "ip", "192.168.1.10", "hostname", "nas")));
    return m;
  }
}
