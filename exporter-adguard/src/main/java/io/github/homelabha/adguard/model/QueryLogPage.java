package io.github.homelabha.adguard.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /control/querylog}: one page, newest first.
 *
 * <p>Read as a stream, not as a tree: a busy resolver's exporter reads tens of thousands of entries
 * a minute, and an entry carries much (answers, rules, client details) that the counters never look
 * at. Those fields are skipped without being built; the fields read are checked as strictly as the
 * tree readers of {@link Json} check them.
 */
public record QueryLogPage(List<QueryLogEntry> entries) {
  private static final String WHAT = "/control/querylog";
  private static final String ENTRY = WHAT + ".data[]";

  public static QueryLogPage parse(byte[] body) throws AdGuardParseException {
    try (JsonParser p = Json.streamingParser(body)) {
      JsonToken root = p.nextToken();
      if (root == null) {
        throw new AdGuardParseException(WHAT + ": empty answer");
      }
      if (root != JsonToken.START_OBJECT) {
        throw new AdGuardParseException(WHAT + ": expected a JSON object");
      }
      List<QueryLogEntry> entries = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (!field.equals("data")) {
          p.skipChildren();
        } else if (value == JsonToken.VALUE_NULL) {
          entries.clear();
        } else if (value != JsonToken.START_ARRAY) {
          throw new AdGuardParseException(WHAT + ".data: expected a JSON array");
        } else {
          // a repeated "data" field replaces the earlier one, as in a tree
          entries.clear();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
              throw new AdGuardParseException(ENTRY + ": expected a JSON object");
            }
            entries.add(entry(p));
          }
        }
      }
      if (p.nextToken() != null) {
        throw new AdGuardParseException(WHAT + ": not valid JSON: trailing content");
      }
      return new QueryLogPage(entries);
    } catch (JsonProcessingException e) {
      throw new AdGuardParseException(WHAT + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new AdGuardParseException(WHAT + ": unreadable: " + e.getMessage(), e);
    }
  }

  /** One entry, the parser on its START_OBJECT; leaves it on the matching END_OBJECT. */
  private static QueryLogEntry entry(JsonParser p) throws IOException, AdGuardParseException {
    String timeText = "";
    String elapsedText = "0";
    String name = "";
    String type = "";
    String reason = "";
    String status = "";
    String upstream = "";
    String client = "";
    boolean cached = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "time" -> timeText = text(p, "", ENTRY, field);
        case "elapsedMs" -> elapsedText = text(p, "0", ENTRY, field);
        case "reason" -> reason = text(p, "", ENTRY, field);
        case "status" -> status = text(p, "", ENTRY, field);
        case "upstream" -> upstream = text(p, "", ENTRY, field);
        case "client" -> client = text(p, "", ENTRY, field);
        case "cached" -> cached = bool(p, field);
        case "question" -> {
          name = "";
          type = "";
          if (p.currentToken() != JsonToken.VALUE_NULL) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
              throw new AdGuardParseException(ENTRY + ".question: expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String q = p.currentName();
              p.nextToken();
              switch (q) {
                case "name" -> name = text(p, "", ENTRY + ".question", q);
                case "type" -> type = text(p, "", ENTRY + ".question", q);
                default -> p.skipChildren();
              }
            }
          }
        }
        default -> p.skipChildren();
      }
    }
    Instant time = time(timeText);
    double elapsedMs;
    try {
      elapsedMs = Double.parseDouble(elapsedText);
    } catch (NumberFormatException ex) {
      throw new AdGuardParseException(ENTRY + ": elapsedMs is not a number");
    }
    if (!Double.isFinite(elapsedMs) || elapsedMs < 0) {
      throw new AdGuardParseException(ENTRY + ": elapsedMs out of range");
    }
    long identity = identity(timeText, elapsedText, client, name, type, status, upstream);
    return new QueryLogEntry(
        time, timeText, elapsedMs / 1000.0, reason, type, status, upstream, cached, identity);
  }

  private static Instant time(String timeText) throws AdGuardParseException {
    Instant fast = Rfc3339.parseOrNull(timeText);
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(timeText).toInstant();
    } catch (DateTimeParseException ex) {
      throw new AdGuardParseException(ENTRY + ": time is not RFC 3339: " + ex.getMessage());
    }
  }

  private static String text(JsonParser p, String dflt, String what, String field)
      throws AdGuardParseException, IOException {
    return switch (p.currentToken()) {
      case VALUE_NULL -> dflt;
      case VALUE_STRING -> p.getText();
      default -> throw new AdGuardParseException(what + ": \"" + field + "\" is not a string");
    };
  }

  private static boolean bool(JsonParser p, String field) throws AdGuardParseException {
    return switch (p.currentToken()) {
      case VALUE_NULL, VALUE_FALSE -> false;
      case VALUE_TRUE -> true;
      default -> throw new AdGuardParseException(ENTRY + ": \"" + field + "\" is not a boolean");
    };
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
