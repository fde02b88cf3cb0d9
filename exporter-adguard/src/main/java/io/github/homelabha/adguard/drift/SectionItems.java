package io.github.homelabha.adguard.drift;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One section of one instance's configuration as comparable items: a key that names the item (a
 * rule, a list URL, a client name, a setting) and a canonical value. Keys never hold credentials
 * (URLs lose their user info and query); values are only hashed, never shown.
 */
public record SectionItems(SortedMap<String, String> items) {
  public SectionItems {
    items = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(items));
  }

  public static SectionItems of(Map<String, String> items) {
    return new SectionItems(new TreeMap<>(items));
  }

  /**
   * The first 48 bits of the SHA-256 of the sorted items, as a number Prometheus holds exactly (a
   * double represents every integer below 2^53).
   */
  public double fingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> e : items.entrySet()) {
        sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(e.getValue().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      byte[] d = sha.digest();
      long v = 0;
      for (int i = 0; i < 6; i++) {
        v = (v << 8) | (d[i] & 0xff);
      }
      return v;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
