package io.github.homelabha.adguard.model;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code {"enabled": bool}} answers: safe browsing, parental control, safe search. */
public record Toggle(boolean enabled) {
  public static Toggle parse(byte[] body, String what) throws AdGuardParseException {
    JsonNode o = Json.object(Json.parse(body, what), what);
    return new Toggle(Json.bool(o, "enabled", false, what));
  }
}
