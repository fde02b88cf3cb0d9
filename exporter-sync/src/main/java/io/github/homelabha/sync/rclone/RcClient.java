package io.github.homelabha.sync.rclone;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.homelabha.core.api.ScrapeContext;
import io.github.homelabha.core.upstream.UpstreamClient;
import io.github.homelabha.core.upstream.UpstreamException;
import io.github.homelabha.core.upstream.UpstreamRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client for rclone's remote-control API: every call is a POST with a JSON body to {@code
 * <url>/<command>}, sent through the core's upstream client (auth, TLS, timeouts, size limit,
 * backoff). Answers are parsed strictly; every failure is an {@link UpstreamException}.
 */
public final class RcClient {
  static final int MAX_RESPONSE_BYTES = 1 << 20;
  private static final Pattern JOB_GROUP = Pattern.compile("job/(\\d{1,18})");

  private final UpstreamClient http;

  public RcClient(UpstreamClient http) {
    this.http = http;
  }

  /** {@code core/stats}: totals of the rclone process. */
  public RcStats stats(ScrapeContext context) throws UpstreamException {
    JsonNode answer = call(context, "core/stats", "{}");
    try {
      return RcStatsParser.parse(answer);
    } catch (RcloneParseException e) {
      throw UpstreamException.parse("rclone rc core/stats: " + e.getMessage(), e);
    }
  }

  /**
   * Ids of the jobs that have accounting stats ({@code core/group-list}, groups named {@code
   * job/N}). Unlike {@code job/list} this leaves out plain rc calls, our own polling included:
   * every rc call is a job in rclone 1.60, but only transfers create a stats group.
   */
  public List<Long> transferJobIds(ScrapeContext context) throws UpstreamException {
    JsonNode answer = call(context, "core/group-list", "{}");
    try {
      return parseGroups(answer);
    } catch (RcloneParseException e) {
      throw UpstreamException.parse("rclone rc core/group-list: " + e.getMessage(), e);
    }
  }

  static List<Long> parseGroups(JsonNode answer) throws RcloneParseException {
    JsonNode groups = answer == null ? null : answer.get("groups");
    if (groups == null || groups.isNull()) {
      return List.of();
    }
    if (!groups.isArray()) {
      throw new RcloneParseException("core/group-list groups is not a list");
    }
    List<Long> result = new ArrayList<>();
    for (JsonNode group : groups) {
      if (!group.isTextual()) {
        throw new RcloneParseException("core/group-list holds a non-string group");
      }
      Matcher m = JOB_GROUP.matcher(group.asText());
      if (m.matches()) {
        result.add(Long.parseLong(m.group(1)));
      }
    }
    return result;
  }

  /** {@code job/status}; an expired job id fails as {@code http_status} 500. */
  public RcJob job(ScrapeContext context, long id) throws UpstreamException {
    JsonNode answer = call(context, "job/status", "{\"jobid\":" + id + "}");
    try {
      return parseJob(answer);
    } catch (RcloneParseException e) {
      throw UpstreamException.parse("rclone rc job/status: " + e.getMessage(), e);
    }
  }

  static RcJob parseJob(JsonNode node) throws RcloneParseException {
    if (node == null || !node.isObject()) {
      throw new RcloneParseException("job/status is not a JSON object");
    }
    return new RcJob(
        RcStatsParser.count(node, "id"),
        RcStatsParser.bool(node, "finished"),
        RcStatsParser.bool(node, "success"),
        RcStatsParser.text(node, "error"),
        time(node, "startTime"),
        time(node, "endTime"),
        node.has("duration") ? RcStatsParser.number(node, "duration") : 0);
  }

  private static Optional<Instant> time(JsonNode node, String field) throws RcloneParseException {
    Optional<String> text = RcStatsParser.text(node, field);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      Instant t = java.time.OffsetDateTime.parse(text.get()).toInstant();
      // Go's zero time (0001-01-01) means "not yet": an unfinished job has no end.
      return t.getEpochSecond() <= 0 ? Optional.empty() : Optional.of(t);
    } catch (DateTimeParseException e) {
      throw new RcloneParseException("job field " + field + " is not a timestamp");
    }
  }

  private JsonNode call(ScrapeContext context, String command, String body)
      throws UpstreamException {
    return http.execute(
            context, UpstreamRequest.postJson(command, body).withMaxBodyBytes(MAX_RESPONSE_BYTES))
        .jsonObject();
  }
}
