package io.github.homelabha.sync.rclone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.homelabha.core.api.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Client for rclone's remote-control API: every call is a POST with a JSON body to {@code
 * <url>/<command>}. Responses are size-limited and parsed strictly.
 */
public final class RcClient {
  static final int MAX_RESPONSE_BYTES = 1 << 20;
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern JOB_GROUP = Pattern.compile("job/(\\d{1,18})");

  private final HttpUrl base;
  private final OkHttpClient http;
  private final Optional<String> authorization;

  public RcClient(String url, String user, Secret password, Duration timeout) {
    HttpUrl parsed = HttpUrl.parse(url.endsWith("/") ? url : url + "/");
    if (parsed == null) {
      throw new IllegalArgumentException("not an http(s) URL: " + url);
    }
    this.base = parsed;
    this.http =
        new OkHttpClient.Builder()
            .callTimeout(timeout)
            .connectTimeout(timeout)
            .readTimeout(timeout)
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .build();
    this.authorization =
        user.isEmpty() && password == null
            ? Optional.empty()
            : Optional.of(Credentials.basic(user, password == null ? "" : password.value()));
  }

  /** {@code core/stats}: totals of the rclone process. */
  public RcStats stats() throws IOException, RcloneParseException {
    return RcStatsParser.parse(call("core/stats", "{}"));
  }

  /**
   * Ids of the jobs that have accounting stats ({@code core/group-list}, groups named {@code
   * job/N}). Unlike {@code job/list} this leaves out plain rc calls, our own polling included:
   * every rc call is a job in rclone 1.60, but only transfers create a stats group.
   */
  public List<Long> transferJobIds() throws IOException, RcloneParseException {
    return parseGroups(call("core/group-list", "{}"));
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

  public RcJob job(long id) throws IOException, RcloneParseException {
    return parseJob(call("job/status", "{\"jobid\":" + id + "}"));
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

  private JsonNode call(String command, String body) throws IOException, RcloneParseException {
    Request.Builder request =
        new Request.Builder()
            .url(base.resolve(command))
            // bytes, not a String: OkHttp would append "; charset=utf-8", and rclone then ignores
            // the JSON body.
            .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), JSON));
    authorization.ifPresent(a -> request.header("Authorization", a));
    try (Response response = http.newCall(request.build()).execute()) {
      ResponseBody responseBody = response.body();
      // One byte over the limit tells an oversized answer from one that fits.
      byte[] bytes = responseBody.byteStream().readNBytes(MAX_RESPONSE_BYTES + 1);
      if (bytes.length > MAX_RESPONSE_BYTES) {
        throw new IOException(
            "rclone rc " + command + " answered more than " + MAX_RESPONSE_BYTES + " bytes");
      }
      if (response.code() == 401 || response.code() == 403) {
        throw new RcAuthException(
            "rclone rc " + command + " answered " + response.code() + ": set rclone.user/password");
      }
      if (!response.isSuccessful()) {
        throw new RcStatusException(
            "rclone rc " + command + " answered HTTP " + response.code(), response.code());
      }
      try {
        JsonNode node = MAPPER.readTree(bytes);
        if (node == null || !node.isObject()) {
          throw new RcloneParseException("rclone rc " + command + " did not answer a JSON object");
        }
        return node;
      } catch (JsonProcessingException e) {
        throw new RcloneParseException(
            "rclone rc " + command + " answered invalid JSON: " + e.getOriginalMessage());
      }
    }
  }

  /** The rc API refused our credentials. */
  public static final class RcAuthException extends IOException {
    public RcAuthException(String message) {
      super(message);
    }
  }

  /** The rc API answered with an HTTP error status (e.g. 500 for an unknown job id). */
  public static final class RcStatusException extends IOException {
    private final int status;

    public RcStatusException(String message, int status) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
