package io.github.homelabha.keepalived.dump;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code keepalived.stats} (written on {@code keepalived --signum=STATS}): per instance a
 * {@code VRRP Instance: NAME} line, then {@code Key: n} lines, grouped under headers such as {@code
 * Advertisements:} and {@code Packet Errors:}. Returns the counters per instance name.
 */
public final class StatsParser {

  private StatsParser() {}

  public static Map<String, VrrpStats> parse(String text) throws DumpParseException {
    Map<String, Map<String, Long>> raw = new LinkedHashMap<>();
    Map<String, Long> current = null;
    String group = "";
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String body = line.trim();
      if (!line.startsWith(" ")) {
        if (!body.startsWith("VRRP Instance:")) {
          throw new DumpParseException("stats dump line " + lineNo + " is no instance header");
        }
        String name = body.substring("VRRP Instance:".length()).trim();
        if (name.isEmpty() || name.contains(" ") || raw.containsKey(name)) {
          throw new DumpParseException("stats dump line " + lineNo + ": bad instance name");
        }
        current = new LinkedHashMap<>();
        raw.put(name, current);
        group = "";
        continue;
      }
      if (current == null) {
        throw new DumpParseException("stats dump line " + lineNo + " is outside an instance");
      }
      int colon = body.indexOf(':');
      if (colon <= 0) {
        throw new DumpParseException("stats dump line " + lineNo + " is no 'key: value' line");
      }
      String key = body.substring(0, colon).trim();
      String value = body.substring(colon + 1).trim();
      boolean nested = line.startsWith("    ");
      if (value.isEmpty()) {
        group = key;
        continue;
      }
      if (!value.matches("\\d{1,18}")) {
        throw new DumpParseException("stats dump line " + lineNo + ": value is no counter");
      }
      current.put((nested ? group + "/" : "") + key, Long.parseLong(value));
    }
    Map<String, VrrpStats> out = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Long>> e : raw.entrySet()) {
      out.put(e.getKey(), toStats(e.getValue()));
    }
    return out;
  }

  private static VrrpStats toStats(Map<String, Long> m) {
    return new VrrpStats(
        m.getOrDefault("Advertisements/Received", 0L),
        m.getOrDefault("Advertisements/Sent", 0L),
        m.getOrDefault("Became master", 0L),
        m.getOrDefault("Released master", 0L),
        m.getOrDefault("Packet Errors/Length", 0L),
        m.getOrDefault("Packet Errors/Advertisement Interval", 0L),
        m.getOrDefault("Packet Errors/TTL", 0L),
        m.getOrDefault("Packet Errors/Invalid Type", 0L),
        m.getOrDefault("Packet Errors/Address List", 0L),
        m.getOrDefault("Authentication Errors/Invalid Type", 0L),
        m.getOrDefault("Authentication Errors/Type Mismatch", 0L),
        m.getOrDefault("Authentication Errors/Failure", 0L),
        m.getOrDefault("Priority Zero/Received", 0L),
        m.getOrDefault("Priority Zero/Sent", 0L));
  }
}
