package io.github.homelabha.keepalived.collect;

import io.github.homelabha.keepalived.dump.VrrpInstance;
import io.github.homelabha.keepalived.dump.VrrpStats;
import java.util.function.ToLongFunction;

/** keepalived's per-instance counters under mehdy/keepalived-exporter's metric names. */
public enum CompatCounter {
  ADVERTS_RECEIVED(
      "keepalived_advertisements_received_total", "Advertisements received", s -> s.advertRcvd()),
  ADVERTS_SENT("keepalived_advertisements_sent_total", "Advertisements sent", s -> s.advertSent()),
  BECOME_MASTER(
      "keepalived_become_master_total", "Times the instance became master", s -> s.becomeMaster()),
  RELEASE_MASTER(
      "keepalived_release_master_total",
      "Times the instance released master",
      s -> s.releaseMaster()),
  PACKET_LENGTH(
      "keepalived_packet_length_errors_total", "Packet length errors", s -> s.packetLenErr()),
  ADVERT_INTERVAL(
      "keepalived_advertisements_interval_errors_total",
      "Advertisement interval errors",
      s -> s.advertIntervalErr()),
  IP_TTL("keepalived_ip_ttl_errors_total", "IP TTL errors", s -> s.ipTtlErr()),
  INVALID_TYPE(
      "keepalived_invalid_type_received_total",
      "Packets of invalid type received",
      s -> s.invalidTypeRcvd()),
  ADDRESS_LIST("keepalived_address_list_errors_total", "Address list errors", s -> s.addrListErr()),
  AUTH_INVALID(
      "keepalived_authentication_invalid_total",
      "Invalid authentication type",
      s -> s.invalidAuthtype()),
  AUTH_MISMATCH(
      "keepalived_authentication_mismatch_total",
      "Authentication type mismatch",
      s -> s.authtypeMismatch()),
  AUTH_FAILURE(
      "keepalived_authentication_failure_total", "Authentication failures", s -> s.authFailure()),
  PRIORITY_ZERO_RECEIVED(
      "keepalived_priority_zero_received_total",
      "Priority zero adverts received",
      s -> s.priZeroRcvd()),
  PRIORITY_ZERO_SENT(
      "keepalived_priority_zero_sent_total", "Priority zero adverts sent", s -> s.priZeroSent()),
  // a configuration value that the peer exporter exposes as a counter; kept for its dashboards
  GARP_DELAY(
      "keepalived_gratuitous_arp_delay_total",
      "Gratuitous ARP delay (configuration value, kept for compatibility)",
      null);

  private final String metric;
  private final String help;
  private final ToLongFunction<VrrpStats> fromStats;

  CompatCounter(String metric, String help, ToLongFunction<VrrpStats> fromStats) {
    this.metric = metric;
    this.help = help;
    this.fromStats = fromStats;
  }

  public String metric() {
    return metric;
  }

  public String help() {
    return help;
  }

  /** The value for an instance with stats. */
  public long value(VrrpInstance instance, VrrpStats stats) {
    return fromStats == null ? instance.garpDelay() : fromStats.applyAsLong(stats);
  }
}
