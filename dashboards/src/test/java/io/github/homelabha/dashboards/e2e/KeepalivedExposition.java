package io.github.homelabha.dashboards.e2e;

/** What a keepalived exporter serves, in the exporter's metric names, for scripted scenarios. */
final class KeepalivedExposition {

  private KeepalivedExposition() {}

  /** One node's keepalived exporter output for VI_1 (VRID 51, VIP 192.0.2.10 on eth0). */
  static String node(
      boolean up,
      int state,
      int basePriority,
      int effectivePriority,
      long transitionEpochSeconds,
      String from,
      String to,
      String reason,
      boolean trackScriptOk) {
    String vrrp = "iname=\"VI_1\",intf=\"eth0\",vrid=\"51\"";
    return String.join(
        "\n",
        "keepalived_up " + (up ? 1 : 0),
        "keepalived_vrrp_instance_state{" + vrrp + "} " + state,
        "keepalived_vrrp_base_priority{" + vrrp + "} " + basePriority,
        "keepalived_vrrp_effective_priority{" + vrrp + "} " + effectivePriority,
        "keepalived_vrrp_last_transition_timestamp_seconds{" + vrrp + "} " + transitionEpochSeconds,
        "keepalived_vrrp_last_transition_info{iname=\"VI_1\",vrid=\"51\",from=\""
            + from
            + "\",to=\""
            + to
            + "\",reason=\""
            + reason
            + "\",script=\"\"} 1",
        "keepalived_vip_present{" + vrrp + ",ip_address=\"192.0.2.10\"} " + (state == 2 ? 1 : 0),
        "keepalived_track_script_status{name=\"chk_dns\"} " + (trackScriptOk ? 1 : 0),
        "keepalived_dump_age_seconds 0.01",
        "");
  }

  static String keepalivedDown() {
    return "keepalived_up 0\nkeepalived_scrape_errors_total{reason=\"process_not_running\"} 3\n";
  }
}
