package io.github.homelabha.adguard.simulator;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Query-log entries in AdGuard Home's JSON shape, with Go's RFC3339Nano timestamps. */
final class QueryLogJson {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

  private QueryLogJson() {}

  /** Go's {@code time.RFC3339Nano}: trailing zeros of the fraction dropped, {@code Z} for UTC. */
  static String rfc3339Nano(Instant t, ZoneOffset offset) {
    OffsetDateTime odt = t.atOffset(offset);
    StringBuilder sb = new StringBuilder(SECONDS.format(odt));
    int nanos = odt.getNano();
    if (nanos != 0) {
      String frac = String.format(Locale.ROOT, "%09d", nanos);
      int end = frac.length();
      while (frac.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(frac, 0, end);
    }
    sb.append(offset.equals(ZoneOffset.UTC) ? "Z" : offset.getId());
    return sb.toString();
  }

  static Instant parseTime(String text) {
    return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  static Map<String, Object> page(List<QueryEntry> entries, ZoneOffset offset) {
    List<Object> data = new ArrayList<>(entries.size());
    for (QueryEntry e : entries) {
      data.add(entry(e, offset));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("data", data);
    m.put(
        "oldest",
        entries.isEmpty() ? "" : rfc3339Nano(entries.get(entries.size() - 1).start(), offset));
    return m;
  }

  static Map<String, Object> entry(QueryEntry e, ZoneOffset offset) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Object> answer = new ArrayList<>();
    if (!e.answerIp().isEmpty()) {
      answer.add(
          Map.of(
              "type",
              e.answerIp().contains(":") ? "AAAA" : "A",
              "value",
              e.answerIp(),
              "ttl",
              300));
    }
    m.put("answer", answer);
    m.put("answer_dnssec", false);
    m.put("cached", e.cached());
    m.put("client", e.client());
    m.put(
        "client_info",
        Map.of("whois", Map.of(), "name", "", "disallowed_rule", "", "disallowed", false));
    m.put("client_proto", "");
    m.put("elapsedMs", String.format(Locale.ROOT, "%.6f", e.elapsedNanos() / 1e6));
    m.put(
        "question",
        Map.of("class", "IN", "name", e.domain(), "unicode_name", e.domain(), "type", e.type()));
    m.put("reason", e.reason());
    List<Object> rules = new ArrayList<>();
    if (!e.rule().isEmpty()) {
      rules.add(Map.of("filter_list_id", e.filterListId(), "text", e.rule()));
    }
    m.put("rules", rules);
    m.put("status", e.status());
    m.put("time", rfc3339Nano(e.start(), offset));
    m.put("upstream", e.upstream());
    return m;
  }
}
