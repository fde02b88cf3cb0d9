package io.github.homelabha.core.upstream;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * One request to an upstream: method, path (resolved below the configured {@code url}: {@code
 * control/status} and {@code /control/status} both mean {@code <url>/control/status}), body and
 * extra headers, plus what the caller wants handled differently from the defaults. Immutable; the
 * {@code with...} methods return copies.
 */
public final class UpstreamRequest {
  private final String method;
  private final String path;
  private final byte[] body;
  private final String contentType;
  private final Map<String, String> headers;
  private final Set<Integer> acceptedStatuses;
  private final OptionalLong maxBodyBytes;
  private final boolean anonymous;
  private final boolean followRedirects;

  private UpstreamRequest(
      String method,
      String path,
      byte[] body,
      String contentType,
      Map<String, String> headers,
      Set<Integer> acceptedStatuses,
      OptionalLong maxBodyBytes,
      boolean anonymous,
      boolean followRedirects) {
    this.method = method;
    this.path = path;
    this.body = body;
    this.contentType = contentType;
    this.headers = Map.copyOf(headers);
    this.acceptedStatuses = Set.copyOf(acceptedStatuses);
    this.maxBodyBytes = maxBodyBytes;
    this.anonymous = anonymous;
    this.followRedirects = followRedirects;
  }

  public static UpstreamRequest get(String path) {
    return new UpstreamRequest(
        "GET", path, null, null, Map.of(), Set.of(), OptionalLong.empty(), false, true);
  }

  /** A POST with a JSON body (sent as {@code application/json} without a charset parameter). */
  public static UpstreamRequest postJson(String path, String json) {
    return post(path, json.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  public static UpstreamRequest post(String path, byte[] body, String contentType) {
    return new UpstreamRequest(
        "POST",
        path,
        body.clone(),
        contentType,
        Map.of(),
        Set.of(),
        OptionalLong.empty(),
        false,
        true);
  }

  /** The same request with one more header (replacing one of the same name). */
  public UpstreamRequest withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new UpstreamRequest(
        method,
        path,
        body,
        contentType,
        h,
        acceptedStatuses,
        maxBodyBytes,
        anonymous,
        followRedirects);
  }

  /**
   * Statuses handed back to the caller as a response instead of failing the request (by default
   * every status outside 2xx fails it: 401/403 as {@code auth}, 429 as {@code rate_limited}, the
   * rest as {@code http_status}). An accepted 401 or 429 does not start a backoff.
   */
  public UpstreamRequest acceptingStatus(int... statuses) {
    Set<Integer> s = new TreeSet<>(acceptedStatuses);
    for (int status : statuses) {
      s.add(status);
    }
    return new UpstreamRequest(
        method, path, body, contentType, headers, s, maxBodyBytes, anonymous, followRedirects);
  }

  /** Reads at most this many bytes of the answer; more fails as {@code too_large}. */
  public UpstreamRequest withMaxBodyBytes(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("negative size limit");
    }
    return new UpstreamRequest(
        method,
        path,
        body,
        contentType,
        headers,
        acceptedStatuses,
        OptionalLong.of(bytes),
        anonymous,
        followRedirects);
  }

  /** Without the configured credentials and without session cookies (e.g. probing the API). */
  public UpstreamRequest anonymous() {
    return new UpstreamRequest(
        method,
        path,
        body,
        contentType,
        headers,
        acceptedStatuses,
        maxBodyBytes,
        true,
        followRedirects);
  }

  /** Hands redirects back as responses (accept their status) instead of following them. */
  public UpstreamRequest withoutRedirects() {
    return new UpstreamRequest(
        method, path, body, contentType, headers, acceptedStatuses, maxBodyBytes, anonymous, false);
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  byte[] body() {
    return body;
  }

  String contentType() {
    return contentType;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public boolean accepts(int status) {
    return acceptedStatuses.contains(status);
  }

  OptionalLong maxBodyBytes() {
    return maxBodyBytes;
  }

  public boolean isAnonymous() {
    return anonymous;
  }

  boolean followsRedirects() {
    return followRedirects;
  }
}
