package io.github.homelabha.adguard.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.homelabha.adguard.model.AdGuardParseException;
import io.github.homelabha.adguard.model.Json;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the configuration answers of one instance into comparable items per section, the way
 * adguardhome-sync decides what to copy: filter lists by URL, persistent clients by name, static
 * leases by MAC, rewrites by domain and answer, rules and blocked services as sets, DNS and DHCP
 * settings by key. Run-time state (protection, leases, client-side defaults) is left out.
 */
public final class ConfigItems {
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** dns_info keys that are state, not configuration. */
  private static final Set<String> DNS_STATE_KEYS =
      Set.of("protection_enabled", "protection_disabled_until", "default_local_ptr_upstreams");

  private ConfigItems() {}

  public static SectionItems userRules(JsonNode filteringStatus) throws AdGuardParseException {
    Map<String, String> items = new TreeMap<>();
    for (String rule :
        Json.strings(Json.object(filteringStatus, "filtering"), "user_rules", "filtering")) {
      String r = rule.strip();
      if (!r.isEmpty()) {
        items.put("rule " + r, "");
      }
    }
    return SectionItems.of(items);
  }

  public static SectionItems filterLists(JsonNode filteringStatus) throws AdGuardParseException {
    String what = "/control/filtering/status";
    JsonNode o = Json.object(filteringStatus, what);
    Map<String, String> items = new TreeMap<>();
    items.put("setting enabled", String.valueOf(Json.bool(o, "enabled", false, what)));
    items.put("setting interval", String.valueOf((long) Json.number(o, "interval", 0, what)));
    for (String kind : List.of("filters", "whitelist_filters")) {
      for (JsonNode f : Json.list(o, kind, what)) {
        Json.object(f, what + "." + kind);
        String url = Json.text(f, "url", "", what);
        items.put(
            (kind.equals("filters") ? "block list " : "allow list ") + safeUrl(url),
            url + " enabled=" + Json.bool(f, "enabled", false, what));
      }
    }
    return SectionItems.of(items);
  }

  public static SectionItems rewrites(JsonNode rewriteList) throws AdGuardParseException {
    Map<String, String> items = new TreeMap<>();
    for (JsonNode r : Json.elements(rewriteList, "/control/rewrite/list")) {
      Json.object(r, "/control/rewrite/list[]");
      String domain = Json.text(r, "domain", "", "rewrite");
      String answer = Json.text(r, "answer", "", "rewrite");
      items.put(
          "rewrite " + domain + " -> " + answer,
          "enabled=" + Json.bool(r, "enabled", true, "rewrite"));
    }
    return SectionItems.of(items);
  }

  public static SectionItems clients(JsonNode clients) throws AdGuardParseException {
    String what = "/control/clients";
    Map<String, String> items = new TreeMap<>();
    for (JsonNode c : Json.list(Json.object(clients, what), "clients", what)) {
      Json.object(c, what + ".clients[]");
      items.put("client " + Json.text(c, "name", "", what), canonical(c));
    }
    return SectionItems.of(items);
  }

  public static SectionItems blockedServices(JsonNode schedule) throws AdGuardParseException {
    String what = "/control/blocked_services/get";
    JsonNode o = Json.object(schedule, what);
    Map<String, String> items = new TreeMap<>();
    for (String id : Json.strings(o, "ids", what)) {
      items.put("service " + id, "");
    }
    JsonNode sched = o.get("schedule");
    if (sched != null && !sched.isNull()) {
      items.put("setting schedule", canonical(sched));
    }
    return SectionItems.of(items);
  }

  public static SectionItems upstreamDns(JsonNode dnsInfo) throws AdGuardParseException {
    String what = "/control/dns_info";
    JsonNode o = Json.object(dnsInfo, what);
    Map<String, String> items = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!DNS_STATE_KEYS.contains(e.getKey())) {
        items.put("setting " + e.getKey(), canonical(e.getValue()));
      }
    }
    return SectionItems.of(items);
  }

  public static SectionItems dhcp(JsonNode dhcpStatus) throws AdGuardParseException {
    String what = "/control/dhcp/status";
    JsonNode o = Json.object(dhcpStatus, what);
    Map<String, String> items = new TreeMap<>();
    items.put("setting enabled", String.valueOf(Json.bool(o, "enabled", false, what)));
    items.put("setting interface_name", Json.text(o, "interface_name", "", what));
    for (String v : List.of("v4", "v6")) {
      JsonNode n = o.get(v);
      items.put("setting " + v, n == null ? "" : canonical(n));
    }
    for (JsonNode l : Json.list(o, "static_leases", what)) {
      Json.object(l, what + ".static_leases[]");
      items.put(
          "static lease " + Json.text(l, "mac", "", what),
          Json.text(l, "ip", "", what) + " " + Json.text(l, "hostname", "", what));
    }
    return SectionItems.of(items);
  }

  /** JSON with sorted keys and sorted string arrays, so equal settings compare equal. */
  static String canonical(JsonNode node) {
    try {
      return CANONICAL.writeValueAsString(CANONICAL.treeToValue(sorted(node), Object.class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return node.toString();
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = CANONICAL.createObjectNode();
      node.properties().iterator().forEachRemaining(e -> out.set(e.getKey(), sorted(e.getValue())));
      return out;
    }
    if (node.isArray()) {
      List<JsonNode> elements = new ArrayList<>();
      node.forEach(n -> elements.add(sorted(n)));
      if (elements.stream().allMatch(JsonNode::isTextual)) {
        elements.sort((a, b) -> a.textValue().compareTo(b.textValue()));
      }
      ArrayNode out = CANONICAL.createArrayNode();
      elements.forEach(out::add);
      return out;
    }
    return node;
  }

  /** A URL as it may be shown: scheme, host, port and path; no user info, query or fragment. */
  static String safeUrl(String url) {
    try {
      URI u = URI.create(url);
      if (u.getHost() == null) {
        return u.getScheme() == null ? "(local file)" : u.getScheme() + ":(opaque)";
      }
      String port = u.getPort() < 0 ? "" : ":" + u.getPort();
      return u.getScheme()
          + "://"
          + u.getHost()
          + port
          + (u.getRawPath() == null ? "" : u.getRawPath());
    } catch (IllegalArgumentException e) {
      return "(unparsable URL)";
    }
  }
}
