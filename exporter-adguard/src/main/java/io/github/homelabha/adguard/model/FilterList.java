package io.github.homelabha.adguard.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One block or allow list of {@code /control/filtering/status}.
 *
 * @param lastUpdated the last update attempt (AdGuard sets it even when the download failed); empty
 *     when the list was never updated
 */
public record FilterList(
    long id,
    String name,
    String url,
    boolean enabled,
    long rulesCount,
    Optional<Instant> lastUpdated) {

  static FilterList parse(JsonNode node, String what) throws AdGuardParseException {
    JsonNode o = Json.object(node, what);
    String updated = Json.text(o, "last_updated", "", what);
    Optional<Instant> when = Optional.empty();
    if (!updated.isEmpty()) {
      try {
        when = Optional.of(OffsetDateTime.parse(updated).toInstant());
      } catch (DateTimeParseException e) {
        throw new AdGuardParseException(what + ": last_updated is not a time: " + e.getMessage());
      }
    }
    return new FilterList(
        (long) Json.number(o, "id", 0, what),
        Json.text(o, "name", "", what),
        Json.text(o, "url", "", what),
        Json.bool(o, "enabled", false, what),
        (long) Json.number(o, "rules_count", 0, what),
        when);
  }
}
