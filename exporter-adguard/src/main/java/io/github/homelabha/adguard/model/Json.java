package io.github.homelabha.adguard.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of a JSON tree that fail with {@link AdGuardParseException} naming the field, never
 * with a {@code NullPointerException} or {@code ClassCastException}. AdGuard Home writes empty
 * lists as {@code null}; {@link #list} reads both as empty.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(64)
                      .maxStringLength(1 << 20)
                      .build())
              .build());

  private Json() {}

  /** Parses a whole document; trailing garbage is an error. */
  public static JsonNode parse(byte[] body, String what) throws AdGuardParseException {
    try {
      JsonNode node =
          MAPPER
              .readerFor(JsonNode.class)
              .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .readValue(body);
      if (node == null || node.isMissingNode()) {
        throw new AdGuardParseException(what + ": empty answer");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new AdGuardParseException(what + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (java.io.IOException e) {
      throw new AdGuardParseException(what + ": unreadable: " + e.getMessage(), e);
    }
  }

  /**
   * A streaming parser over {@code body} with the same limits as {@link #parse}, for answers too
   * large to build a tree of on every scrape (the query log). The caller checks for trailing
   * tokens.
   */
  public static JsonParser streamingParser(byte[] body) throws java.io.IOException {
    return MAPPER.getFactory().createParser(body);
  }

  public static JsonNode object(JsonNode node, String what) throws AdGuardParseException {
    if (node == null || !node.isObject()) {
      throw new AdGuardParseException(what + ": expected a JSON object");
    }
    return node;
  }

  public static boolean bool(JsonNode obj, String field, String what) throws AdGuardParseException {
    JsonNode v = obj.get(field);
    if (v == null || !v.isBoolean()) {
      throw new AdGuardParseException(what + ": \"" + field + "\" missing or not a boolean");
    }
    return v.booleanValue();
  }

  public static boolean bool(JsonNode obj, String field, boolean dflt, String what)
      throws AdGuardParseException {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw new AdGuardParseException(what + ": \"" + field + "\" is not a boolean");
    }
    return v.booleanValue();
  }

  public static double number(JsonNode obj, String field, double dflt, String what)
      throws AdGuardParseException {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isNumber()) {
      throw new AdGuardParseException(what + ": \"" + field + "\" is not a number");
    }
    double d = v.doubleValue();
    if (!Double.isFinite(d)) {
      throw new AdGuardParseException(what + ": \"" + field + "\" is not finite");
    }
    return d;
  }

  public static String text(JsonNode obj, String field, String dflt, String what)
      throws AdGuardParseException {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isTextual()) {
      throw new AdGuardParseException(what + ": \"" + field + "\" is not a string");
    }
    return v.textValue();
  }

  /** An array field; absent or {@code null} reads as empty. */
  public static List<JsonNode> list(JsonNode obj, String field, String what)
      throws AdGuardParseException {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    return elements(v, what + "." + field);
  }

  public static List<JsonNode> elements(JsonNode array, String what) throws AdGuardParseException {
    if (array == null || !array.isArray()) {
      throw new AdGuardParseException(what + ": expected a JSON array");
    }
    List<JsonNode> out = new ArrayList<>(array.size());
    array.forEach(out::add);
    return out;
  }

  public static List<String> strings(JsonNode obj, String field, String what)
      throws AdGuardParseException {
    List<String> out = new ArrayList<>();
    for (JsonNode n : list(obj, field, what)) {
      if (!n.isTextual()) {
        throw new AdGuardParseException(what + ": \"" + field + "\" holds a non-string");
      }
      out.add(n.textValue());
    }
    return out;
  }
}
