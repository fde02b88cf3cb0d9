package io.github.homelabha.adguard.drift;

/**
 * The configuration sections compared between the instances of a group, each read from one API
 * endpoint. The label value of {@code adguard_config_in_sync{section}} is {@link #label()}.
 */
public enum ConfigSection {
  USER_RULES("user_rules", "/control/filtering/status"),
  FILTER_LISTS("filter_lists", "/control/filtering/status"),
  REWRITES("rewrites", "/control/rewrite/list"),
  CLIENTS("clients", "/control/clients"),
  BLOCKED_SERVICES("blocked_services", "/control/blocked_services/get"),
  UPSTREAM_DNS("upstream_dns", "/control/dns_info"),
  DHCP("dhcp", "/control/dhcp/status");

  private final String label;
  private final String endpoint;

  ConfigSection(String label, String endpoint) {
    this.label = label;
    this.endpoint = endpoint;
  }

  public String label() {
    return label;
  }

  public String endpoint() {
    return endpoint;
  }
}
