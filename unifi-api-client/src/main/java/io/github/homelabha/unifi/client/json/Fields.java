package io.github.homelabha.unifi.client.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Lenient field readers: controllers send numbers as strings ({@code "59.3"}), booleans as 0/1,
 * leave fields out or set them to null. None of these readers throws.
 */
final class Fields {
  /** Longer strings are cut: names end up in labels and logs. */
  static final int MAX_TEXT = 256;

  private Fields() {}

  /** A number, or NaN when missing, null, not numeric or not finite. */
  static double num(JsonNode node, String field) {
    JsonNode v = node.get(field);
    double d;
    if (v == null || v.isNull()) {
      return Double.NaN;
    } else if (v.isNumber()) {
      d = v.asDouble();
    } else if (v.isTextual()) {
      String s = v.asText().trim();
      if (s.isEmpty() || s.length() > 64) {
        return Double.NaN;
      }
      try {
        d = Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    } else if (v.isBoolean()) {
      d = v.asBoolean() ? 1 : 0;
    } else {
      return Double.NaN;
    }
    return Double.isFinite(d) ? d : Double.NaN;
  }

  /** A whole number, or {@code fallback}. */
  static int integer(JsonNode node, String field, int fallback) {
    double d = num(node, field);
    return Double.isNaN(d) || d > Integer.MAX_VALUE || d < Integer.MIN_VALUE ? fallback : (int) d;
  }

  static long millis(JsonNode node, String field) {
    double d = num(node, field);
    return Double.isNaN(d) ? 0 : (long) d;
  }

  /** true, 1, "true", "1"; anything else is false. */
  static boolean bool(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      return false;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isNumber()) {
      return v.asDouble() != 0;
    }
    if (v.isTextual()) {
      String s = v.asText().trim();
      return s.equalsIgnoreCase("true") || s.equals("1");
    }
    return false;
  }

  /** A string (numbers as their text), empty when missing or not a scalar, cut to 256 chars. */
  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isValueNode() || v.isNull()) {
      return "";
    }
    String s = v.asText();
    return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
  }

  /** The object under {@code field}, or an empty object. */
  static JsonNode object(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isObject()
        ? v
        : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  /** The array under {@code field}, or an empty array (never null). */
  static Iterable<JsonNode> array(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isArray() ? v : java.util.List.of();
  }
}
