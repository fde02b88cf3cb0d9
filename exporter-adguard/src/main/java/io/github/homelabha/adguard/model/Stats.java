package io.github.homelabha.adguard.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /control/stats}: totals over AdGuard's retention window, not counters (they fall when
 * an hour rolls off).
 *
 * @param window the window the totals cover, e.g. {@code 24h} or {@code 30d}
 * @param avgProcessingSeconds unweighted mean of the hourly averages, in seconds
 */
public record Stats(
    String window,
    double queries,
    double blockedFiltering,
    double replacedSafebrowsing,
    double replacedSafesearch,
    double replacedParental,
    double avgProcessingSeconds,
    List<TopEntry> topQueriedDomains,
    List<TopEntry> topBlockedDomains,
    List<TopEntry> topClients,
    List<TopEntry> topUpstreamsResponses,
    List<TopEntry> topUpstreamsAvgTime) {

  public static Stats parse(byte[] body) throws AdGuardParseException {
    String what = "/control/stats";
    JsonNode o = Json.object(Json.parse(body, what), what);
    String units = Json.text(o, "time_units", "hours", what);
    if (!units.equals("hours") && !units.equals("days")) {
      throw new AdGuardParseException(what + ": unknown time_units " + units);
    }
    int buckets = Json.list(o, "dns_queries", what).size();
    String window = buckets == 0 ? "unknown" : buckets + (units.equals("hours") ? "h" : "d");
    return new Stats(
        window,
        Json.number(o, "num_dns_queries", 0, what),
        Json.number(o, "num_blocked_filtering", 0, what),
        Json.number(o, "num_replaced_safebrowsing", 0, what),
        Json.number(o, "num_replaced_safesearch", 0, what),
        Json.number(o, "num_replaced_parental", 0, what),
        Json.number(o, "avg_processing_time", 0, what),
        top(o, "top_queried_domains", what),
        top(o, "top_blocked_domains", what),
        top(o, "top_clients", what),
        top(o, "top_upstreams_responses", what),
        top(o, "top_upstreams_avg_time", what));
  }

  private static List<TopEntry> top(JsonNode o, String field, String what)
      throws AdGuardParseException {
    List<TopEntry> out = new ArrayList<>();
    for (JsonNode n : Json.list(o, field, what)) {
      if (!n.isObject()) {
        throw new AdGuardParseException(what + "." + field + ": element is not an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isNumber() || !Double.isFinite(e.getValue().doubleValue())) {
          throw new AdGuardParseException(what + "." + field + ": value is not a number");
        }
        out.add(new TopEntry(e.getKey(), e.getValue().doubleValue()));
      }
    }
    return out;
  }
}
