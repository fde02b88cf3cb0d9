package io.github.homelabha.drill.cluster;

import java.util.Locale;

/** Why a drill did not start. {@link Reason} values are the {@code reason} label's values. */
public record Refusal(Reason reason, String message) {

  /** A bounded set: each is a value of {@code drill_refusal_info{reason}}. */
  public enum Reason {
    /** A node's keepalived exporter did not answer or answered garbage. */
    EXPORTER_UNREACHABLE,
    /** keepalived_up is not 1 on a node. */
    KEEPALIVED_DOWN,
    /** The VRRP instance is not reported by every node, or which one is meant is unclear. */
    INSTANCE_UNKNOWN,
    NO_MASTER,
    SEVERAL_MASTERS,
    /** Another node became MASTER while the services were checked before the start. */
    MASTER_CHANGED,
    /** A service did not answer through the VIP for settle before the start. */
    SERVICE_DOWN,
    /** The configuration file or a flag is invalid. */
    INVALID_CONFIGURATION;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
