package io.github.homelabha.unifi.client.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.homelabha.unifi.client.UnifiException;
import io.github.homelabha.unifi.client.UnifiException.Kind;
import io.github.homelabha.unifi.client.UnifiParseException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The classic API's envelope {@code {"meta":{"rc":"ok"},"data":[...]}} and its error form {@code
 * {"meta":{"rc":"error","msg":"api.err.LoginRequired"},"data":[]}}.
 */
public final class Envelope {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Envelope() {}

  /** Parses any JSON document; malformed input gives a {@link UnifiParseException}. */
  public static JsonNode tree(byte[] body) throws UnifiParseException {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new UnifiParseException("empty answer where JSON was expected");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new UnifiParseException(
          "malformed JSON at line "
              + e.getLocation().getLineNr()
              + " column "
              + e.getLocation().getColumnNr());
    } catch (IOException | RuntimeException e) {
      // Jackson reports some broken input (bad UTF-8, limits) as other exceptions.
      throw new UnifiParseException("malformed JSON (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  /**
   * The rows of {@code data[]} mapped by {@code mapper}; an error envelope becomes the matching
   * {@link UnifiException}, {@code api.err.LoginRequired} a {@link LoginRequiredException}.
   */
  public static <T> List<T> rows(byte[] body, Function<JsonNode, T> mapper) throws UnifiException {
    JsonNode root = tree(body);
    if (!root.isObject()) {
      throw new UnifiParseException("expected a JSON object with meta and data, got " + kind(root));
    }
    JsonNode meta = root.get("meta");
    if (meta == null || !meta.isObject()) {
      throw new UnifiParseException("answer has no meta object; not a UniFi Network API answer");
    }
    String rc = Fields.text(meta, "rc");
    if (!rc.equalsIgnoreCase("ok")) {
      throw error(Fields.text(meta, "msg"));
    }
    JsonNode data = root.get("data");
    if (data == null || data.isNull()) {
      return List.of();
    }
    if (!data.isArray()) {
      throw new UnifiParseException("data is " + kind(data) + ", expected an array");
    }
    List<T> out = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      JsonNode row = data.get(i);
      if (!row.isObject()) {
        throw new UnifiParseException("data[" + i + "] is " + kind(row) + ", expected an object");
      }
      out.add(mapper.apply(row));
    }
    return out;
  }

  /** The exception for an envelope's {@code meta.msg}. */
  public static UnifiException error(String msg) {
    String shown = ErrorBodies.clean(msg.isEmpty() ? "(no message)" : msg);
    return switch (msg) {
      case "api.err.LoginRequired" -> new LoginRequiredException();
      case "api.err.Ubic2faTokenRequired", "api.err.2faTokenRequired" ->
          new UnifiException(
              Kind.TWO_FACTOR,
              "the account needs two-factor authentication, which a program cannot answer:"
                  + " use a local account without 2FA or an API key");
      case "api.err.Invalid", "api.err.InvalidPayload" ->
          new UnifiException(Kind.API_ERROR, "controller rejected the request: " + shown);
      case "api.err.NoPermission" ->
          new UnifiException(Kind.PERMISSION, "the account may not read this: " + shown);
      case "api.err.NotFound", "api.err.NoSiteContext", "api.err.UnknownSite" ->
          new UnifiException(
              Kind.NOT_FOUND, "controller does not know this path or site: " + shown);
      default -> new UnifiException(Kind.API_ERROR, "controller reported an error: " + shown);
    };
  }

  private static String kind(JsonNode n) {
    return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The session is gone ({@code api.err.LoginRequired} or HTTP 401): log in again. */
  public static final class LoginRequiredException extends UnifiException {
    public LoginRequiredException() {
      super(Kind.AUTH, "the controller asks for a new login (session expired)");
    }
  }
}
