package io.github.homelabha.core.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import okhttp3.Headers;

/** A complete, size-checked answer of an upstream. */
public final class UpstreamResponse {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private final int status;
  private final Headers headers;
  private final byte[] body;
  private final String request;

  UpstreamResponse(int status, Headers headers, byte[] body, String request) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.request = request;
  }

  public int status() {
    return status;
  }

  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }

  /** The first value of a header, ignoring case of the name. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  public List<String> headers(String name) {
    return headers.values(name);
  }

  /** The body bytes (a copy). */
  public byte[] body() {
    return body.clone();
  }

  public int bodyLength() {
    return body.length;
  }

  /** The body as UTF-8 text. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * The body as a JSON tree; anything that is not exactly one JSON value (empty, cut off, trailing
   * garbage) fails as {@code parse}.
   */
  public JsonNode json() throws UpstreamException {
    if (body.length == 0) {
      throw UpstreamException.parse(request + ": empty answer where JSON was expected", null);
    }
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw UpstreamException.parse(request + ": no JSON value in the answer", null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw UpstreamException.parse(
          request + ": invalid JSON (" + e.getOriginalMessage() + ")", null);
    } catch (IOException e) {
      throw UpstreamException.parse(request + ": unreadable JSON", null);
    }
  }

  /** {@link #json()}, failing as {@code parse} unless it is a JSON object. */
  public JsonNode jsonObject() throws UpstreamException {
    JsonNode node = json();
    if (!node.isObject()) {
      throw UpstreamException.parse(request + ": answered JSON that is not an object", null);
    }
    return node;
  }

  /** The request this answers, e.g. {@code GET https://host/control/status}, for messages. */
  public String request() {
    return request;
  }
}
