package io.github.homelabha.sync.rclone;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Reads the stats object strictly: a missing or mistyped counter is a parse error, not a zero.
 * {@code transferring}, {@code checking} and {@code lastError} are absent when empty (rclone 1.60).
 */
public final class RcStatsParser {
  private RcStatsParser() {}

  public static RcStats parse(JsonNode node) throws RcloneParseException {
    if (node == null || !node.isObject()) {
      throw new RcloneParseException("stats is not a JSON object");
    }
    return new RcStats(
        number(node, "bytes"),
        count(node, "checks"),
        node.has("deletes") ? count(node, "deletes") : 0,
        count(node, "errors"),
        count(node, "transfers"),
        node.has("renames") ? count(node, "renames") : 0,
        number(node, "elapsedTime"),
        bool(node, "fatalError"),
        bool(node, "retryError"),
        listSize(node, "transferring"),
        listSize(node, "checking"),
        text(node, "lastError"));
  }

  static double number(JsonNode node, String field) throws RcloneParseException {
    JsonNode v = node.get(field);
    if (v == null || !v.isNumber()) {
      throw new RcloneParseException("stats field " + field + " missing or not a number");
    }
    double d = v.asDouble();
    if (!Double.isFinite(d) || d < 0) {
      throw new RcloneParseException("stats field " + field + " out of range");
    }
    return d;
  }

  static long count(JsonNode node, String field) throws RcloneParseException {
    JsonNode v = node.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
      throw new RcloneParseException("stats field " + field + " missing or not a count");
    }
    return v.asLong();
  }

  static boolean bool(JsonNode node, String field) throws RcloneParseException {
    JsonNode v = node.get(field);
    if (v == null || !v.isBoolean()) {
      throw new RcloneParseException("stats field " + field + " missing or not true/false");
    }
    return v.asBoolean();
  }

  static int listSize(JsonNode node, String field) throws RcloneParseException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isArray()) {
      throw new RcloneParseException("stats field " + field + " is not a list");
    }
    return v.size();
  }

  static Optional<String> text(JsonNode node, String field) throws RcloneParseException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new RcloneParseException("field " + field + " is not a string");
    }
    return v.asText().isEmpty() ? Optional.empty() : Optional.of(v.asText());
  }
}
