package io.github.homelabha.sync.rclone;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses single lines of an rclone {@code --use-json-log} log. JSON lines must carry {@code level},
 * {@code msg} and {@code time}; rclone's final failure line is plain text with a local timestamp.
 * Other plain lines (Go panics, output of wrappers) are not rclone's JSON and yield empty.
 */
public final class RcloneLogParser {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
              .build());
  private static final Pattern PLAIN =
      Pattern.compile("(\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}) (.*)");
  private static final DateTimeFormatter PLAIN_TIME =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

  private final ZoneId localZone;

  /**
   * @param localZone the zone rclone's plain timestamps are in (the host's zone)
   */
  public RcloneLogParser(ZoneId localZone) {
    this.localZone = localZone;
  }

  public Optional<RcloneLogLine> parse(String line) throws RcloneParseException {
    String trimmed = line.strip();
    if (trimmed.startsWith("{")) {
      return Optional.of(parseJson(trimmed));
    }
    Matcher plain = PLAIN.matcher(trimmed);
    if (plain.matches() && plain.group(2).startsWith("Failed to ")) {
      Instant time;
      try {
        time = LocalDateTime.parse(plain.group(1), PLAIN_TIME).atZone(localZone).toInstant();
      } catch (DateTimeParseException e) {
        throw new RcloneParseException("bad timestamp in failure line");
      }
      return Optional.of(
          new RcloneLogLine(
              RcloneLogLine.Kind.FAILURE, time, "", plain.group(2), Optional.empty()));
    }
    return Optional.empty();
  }

  private static RcloneLogLine parseJson(String line) throws RcloneParseException {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new RcloneParseException("invalid JSON log line: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new RcloneParseException("JSON log line is not an object");
    }
    String level = RcStatsParser.text(node, "level").orElseThrow(() -> missing("level"));
    String message = RcStatsParser.text(node, "msg").orElse("");
    String timeText = RcStatsParser.text(node, "time").orElseThrow(() -> missing("time"));
    Instant time;
    try {
      time = OffsetDateTime.parse(timeText).toInstant();
    } catch (DateTimeParseException e) {
      throw new RcloneParseException("JSON log line has a bad time");
    }
    JsonNode stats = node.get("stats");
    if (stats != null) {
      return new RcloneLogLine(
          RcloneLogLine.Kind.STATS, time, level, message, Optional.of(RcStatsParser.parse(stats)));
    }
    RcloneLogLine.Kind kind =
        level.equals("error") || level.equals("critical")
            ? RcloneLogLine.Kind.ERROR
            : RcloneLogLine.Kind.OTHER;
    String object = RcStatsParser.text(node, "object").orElse("");
    String text = object.isEmpty() ? message : object + ": " + message;
    return new RcloneLogLine(kind, time, level, text, Optional.empty());
  }

  private static RcloneParseException missing(String field) {
    return new RcloneParseException("JSON log line has no " + field);
  }
}
