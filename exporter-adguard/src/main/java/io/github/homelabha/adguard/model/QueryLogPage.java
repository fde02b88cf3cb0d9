package io.github.homelabha.adguard.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /control/querylog}: one page, newest first. */
public record QueryLogPage(List<QueryLogEntry> entries) {

  public static QueryLogPage parse(byte[] body) throws AdGuardParseException {
    String what = "/control/querylog";
    JsonNode o = Json.object(Json.parse(body, what), what);
    List<QueryLogEntry> entries = new ArrayList<>();
    for (JsonNode n : Json.list(o, "data", what)) {
      entries.add(entry(Json.object(n, what + ".data[]"), what + ".data[]"));
    }
    return new QueryLogPage(entries);
  }

  private static QueryLogEntry entry(JsonNode e, String what) throws AdGuardParseException {
    String timeText = Json.text(e, "time", "", what);
    Instant time;
    try {
      time = OffsetDateTime.parse(timeText).toInstant();
    } catch (DateTimeParseException ex) {
      throw new AdGuardParseException(what + ": time is not RFC 3339: " + ex.getMessage());
    }
    String elapsedText = Json.text(e, "elapsedMs", "0", what);
    double elapsedMs;
    try {
      elapsedMs = Double.parseDouble(elapsedText);
    } catch (NumberFormatException ex) {
      throw new AdGuardParseException(what + ": elapsedMs is not a number");
    }
    if (!Double.isFinite(elapsedMs) || elapsedMs < 0) {
      throw new AdGuardParseException(what + ": elapsedMs out of range");
    }
    JsonNode question = e.get("question");
    String name = "";
    String type = "";
    if (question != null && !question.isNull()) {
      Json.object(question, what + ".question");
      name = Json.text(question, "name", "", what + ".question");
      type = Json.text(question, "type", "", what + ".question");
    }
    String reason = Json.text(e, "reason", "", what);
    String status = Json.text(e, "status", "", what);
    String upstream = Json.text(e, "upstream", "", what);
    String client = Json.text(e, "client", "", what);
    boolean cached = Json.bool(e, "cached", false, what);
    long identity = identity(timeText, elapsedText, client, name, type, status, upstream);
    return new QueryLogEntry(
        time, timeText, elapsedMs / 1000.0, reason, type, status, upstream, cached, identity);
  }

  /** A 64-bit FNV-1a hash of the fields that differ between two queries logged at one instant. */
  static long identity(String... parts) {
    long h = 0xcbf29ce484222325L;
    for (String p : parts) {
      for (int i = 0; i < p.length(); i++) {
        h ^= p.charAt(i);
        h *= 0x100000001b3L;
      }
      h ^= 0x1f;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
