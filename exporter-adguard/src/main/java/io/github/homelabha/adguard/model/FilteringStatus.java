package io.github.homelabha.adguard.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /control/filtering/status}: the filtering switch, block lists and allow lists. */
public record FilteringStatus(
    boolean enabled,
    int intervalHours,
    List<FilterList> blockLists,
    List<FilterList> allowLists,
    int userRules) {

  public static FilteringStatus parse(JsonNode root) throws AdGuardParseException {
    String what = "/control/filtering/status";
    JsonNode o = Json.object(root, what);
    return new FilteringStatus(
        Json.bool(o, "enabled", false, what),
        (int) Json.number(o, "interval", 0, what),
        lists(o, "filters", what),
        lists(o, "whitelist_filters", what),
        Json.strings(o, "user_rules", what).size());
  }

  private static List<FilterList> lists(JsonNode o, String field, String what)
      throws AdGuardParseException {
    List<FilterList> out = new ArrayList<>();
    for (JsonNode n : Json.list(o, field, what)) {
      out.add(FilterList.parse(n, what + "." + field));
    }
    return out;
  }
}
