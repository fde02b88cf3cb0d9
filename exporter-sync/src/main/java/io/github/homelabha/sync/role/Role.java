package io.github.homelabha.sync.role;

import java.util.Locale;

/**
 * What a node does for a pair: writes the canary (source), reads it (replica), or follows a VIP.
 */
public enum Role {
  SOURCE,
  REPLICA,
  AUTO;

  /** The value used in the {@code role} label and in configuration. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code source}, {@code replica} or {@code auto} (any case). */
  public static Role parse(String value) {
    if (value != null) {
      for (Role role : values()) {
        if (role.label().equalsIgnoreCase(value.trim())) {
          return role;
        }
      }
    }
    throw new IllegalArgumentException("role must be source, replica or auto, not '" + value + "'");
  }
}
