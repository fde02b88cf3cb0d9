package io.github.homelabha.keepalived.dump;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code keepalived.json} (written on {@code keepalived --signum=JSON}): an array with one
 * {@code {"data": {...}, "stats": {...}}} element per VRRP instance. Only the fields we export are
 * read; {@code auth_data} (the VRRP password in clear) is never touched.
 */
public final class JsonDumpParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    // a dump is a few kB per instance; refuse absurd nesting or strings instead of eating memory
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(65536).build());
  }

  private JsonDumpParser() {}

  public static List<VrrpInstance> parse(String json) throws DumpParseException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      // Jackson's own message quotes the offending token, which may be a password: keep only where
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
      throw new DumpParseException("JSON dump is not valid JSON (truncated or corrupt)" + where);
    }
    if (root == null || !root.isArray()) {
      throw new DumpParseException("JSON dump is not an array of VRRP instances");
    }
    List<VrrpInstance> out = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      out.add(instance(root.get(i), "instance #" + (i + 1)));
    }
    return out;
  }

  private static VrrpInstance instance(JsonNode element, String where) throws DumpParseException {
    JsonNode data = object(element, "data", where);
    String name = text(data, "iname", where);
    where = "instance " + name;
    int state = intField(data, "state", 0, 3, where);
    Optional<VrrpState> want =
        data.has("wantstate")
            ? VrrpState.fromCode(intField(data, "wantstate", 0, 255, where))
            : Optional.empty();
    List<TrackedScriptRef> scripts = new ArrayList<>();
    for (String command : textArray(data, "track_script", where)) {
      scripts.add(new TrackedScriptRef(command, 0));
    }
    VrrpStats stats = element.has("stats") ? stats(object(element, "stats", where), where) : null;
    return new VrrpInstance(
        name,
        data.has("ifp_ifname") ? text(data, "ifp_ifname", where) : "",
        intField(data, "vrid", 0, 255, where),
        VrrpState.fromCode(state).orElseThrow(),
        want,
        intField(data, "base_priority", 0, 255, where),
        optionalInt(data, "effective_priority", where),
        optionalInt(data, "master_priority", where),
        optionalDouble(data, "last_transition", where),
        vips(data, "vips", where),
        vips(data, "evips", where),
        scripts,
        textArray(data, "track_ifp", where),
        Optional.empty(),
        data.has("garp_delay") ? intField(data, "garp_delay", 0, Integer.MAX_VALUE, where) : 0,
        Optional.ofNullable(stats));
  }

  private static VrrpStats stats(JsonNode s, String where) throws DumpParseException {
    return new VrrpStats(
        counter(s, "advert_rcvd", where),
        counter(s, "advert_sent", where),
        counter(s, "become_master", where),
        counter(s, "release_master", where),
        counter(s, "packet_len_err", where),
        counter(s, "advert_interval_err", where),
        counter(s, "ip_ttl_err", where),
        counter(s, "invalid_type_rcvd", where),
        counter(s, "addr_list_err", where),
        counter(s, "invalid_authtype", where),
        counter(s, "authtype_mismatch", where),
        counter(s, "auth_failure", where),
        counter(s, "pri_zero_rcvd", where),
        counter(s, "pri_zero_sent", where));
  }

  private static List<VirtualIp> vips(JsonNode data, String field, String where)
      throws DumpParseException {
    List<VirtualIp> out = new ArrayList<>();
    for (String s : textArray(data, field, where)) {
      out.add(VirtualIp.parse(s));
    }
    return out;
  }

  private static JsonNode object(JsonNode parent, String field, String where)
      throws DumpParseException {
    JsonNode n = parent == null ? null : parent.get(field);
    if (n == null || !n.isObject()) {
      throw new DumpParseException("JSON dump: " + where + " has no object '" + field + "'");
    }
    return n;
  }

  private static String text(JsonNode parent, String field, String where)
      throws DumpParseException {
    JsonNode n = parent.get(field);
    if (n == null || !n.isTextual()) {
      throw new DumpParseException("JSON dump: " + where + " has no text field '" + field + "'");
    }
    return n.asText();
  }

  private static List<String> textArray(JsonNode parent, String field, String where)
      throws DumpParseException {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new DumpParseException("JSON dump: " + where + " field '" + field + "' is no array");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        throw new DumpParseException(
            "JSON dump: " + where + " field '" + field + "' has a non-text element");
      }
      out.add(e.asText());
    }
    return out;
  }

  private static int intField(JsonNode parent, String field, int min, int max, String where)
      throws DumpParseException {
    JsonNode n = parent.get(field);
    if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
      throw new DumpParseException("JSON dump: " + where + " has no integer field '" + field + "'");
    }
    int v = n.intValue();
    if (v < min || v > max) {
      throw new DumpParseException("JSON dump: " + where + " field '" + field + "' out of range");
    }
    return v;
  }

  private static Optional<Integer> optionalInt(JsonNode parent, String field, String where)
      throws DumpParseException {
    return parent.has(field)
        ? Optional.of(intField(parent, field, 0, 255, where))
        : Optional.empty();
  }

  private static Optional<Double> optionalDouble(JsonNode parent, String field, String where)
      throws DumpParseException {
    JsonNode n = parent.get(field);
    if (n == null) {
      return Optional.empty();
    }
    if (!n.isNumber() || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0) {
      throw new DumpParseException("JSON dump: " + where + " field '" + field + "' is no time");
    }
    return Optional.of(n.doubleValue());
  }

  private static long counter(JsonNode parent, String field, String where)
      throws DumpParseException {
    JsonNode n = parent.get(field);
    if (n == null) {
      return 0; // older builds lack some counters; a missing one has simply not been counted
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
      throw new DumpParseException(
          "JSON dump: " + where + " counter '" + field + "' is no non-negative integer");
    }
    return n.longValue();
  }
}
