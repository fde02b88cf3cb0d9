package io.github.homelabha.keepalived.dump;

import java.util.Locale;
import java.util.Optional;

/**
 * A VRRP instance state with keepalived's own numeric code (the value of {@code state} in the JSON
 * dump and of {@code keepalived_vrrp_state}): 0 INIT, 1 BACKUP, 2 MASTER, 3 FAULT. STOP and DELETED
 * only appear on the notify FIFO; they get codes 4 and 5 so a gauge can still show them.
 */
public enum VrrpState {
  INIT(0),
  BACKUP(1),
  MASTER(2),
  FAULT(3),
  STOP(4),
  DELETED(5);

  private final int code;

  VrrpState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The state for a JSON dump code; empty for codes keepalived does not write in dumps. */
  public static Optional<VrrpState> fromCode(long code) {
    for (VrrpState s : values()) {
      if (s.code == code && code <= FAULT.code) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The state for a name as printed in text dumps and on the FIFO ({@code MASTER}, ...). */
  public static Optional<VrrpState> fromName(String name) {
    String upper = name.trim().toUpperCase(Locale.ROOT);
    for (VrrpState s : values()) {
      if (s.name().equals(upper)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
