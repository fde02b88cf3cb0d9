package io.github.homelabha.core.upstream;

import io.github.homelabha.core.api.ScrapeContext;
import io.github.homelabha.core.config.PromDuration;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One target's connection to its HTTP upstream, made by {@link UpstreamHttp#client}. Every request
 * is bounded by the configured {@code timeout} and by the scrape's remaining time, carries the
 * configured credentials and a {@code User-Agent}, and reads at most a size limit of the answer.
 * Failures are {@link UpstreamException}s with one of the {@link UpstreamReason}s. After a 401/403
 * or a 429 the client sends nothing until its {@link Backoff} ends.
 *
 * <p>Safe for concurrent use; connections come from the exporter's shared pool.
 */
public final class UpstreamClient {
  /** Answers larger than this fail as {@code too_large} unless a request sets its own limit. */
  public static final long DEFAULT_MAX_BODY_BYTES = 8L << 20;

  private static final int MAX_REDIRECTS = 5;

  private final String target;
  private final HttpUrl base;
  private final OkHttpClient http;
  private final Optional<Map.Entry<String, String>> credentials;
  private final Duration timeout;
  private final boolean followRedirects;
  private final Backoff backoff;
  private final Clock clock;
  private final String userAgent;
  private volatile OkHttpClient sessionHttp;

  UpstreamClient(
      String target,
      HttpUrl base,
      OkHttpClient http,
      Optional<Map.Entry<String, String>> credentials,
      HttpUpstreamConfig config,
      Clock clock,
      String userAgent) {
    this.target = target;
    this.base = base;
    this.http = http;
    this.credentials = credentials;
    this.timeout = config.timeout;
    this.followRedirects = config.followRedirects;
    this.backoff = new Backoff(config.backoff, clock);
    this.clock = clock;
    this.userAgent = userAgent;
  }

  /** The target this client belongs to. */
  public String target() {
    return target;
  }

  /** The configured URL (always ending in {@code /}), for descriptions and messages. */
  public String url() {
    return base.toString();
  }

  /** The pause in effect, if the upstream refused the credentials or asked to slow down. */
  public Optional<Backoff.State> backoff() {
    return backoff.active();
  }

  /** {@code GET <url>/<path>}, failing on any status outside 2xx. */
  public UpstreamResponse get(ScrapeContext context, String path) throws UpstreamException {
    return execute(context, UpstreamRequest.get(path));
  }

  /** {@code GET <url>/<path>} parsed as a JSON object. */
  public com.fasterxml.jackson.databind.JsonNode getJson(ScrapeContext context, String path)
      throws UpstreamException {
    return get(context, path).jsonObject();
  }

  /** Sends {@code request} within the scrape's remaining time. */
  public UpstreamResponse execute(ScrapeContext context, UpstreamRequest request)
      throws UpstreamException {
    return execute(context.remaining(), request, false);
  }

  /** Starts a login session on this client; {@link UpstreamHttp#session} registers it. */
  LoginSession session(LoginFlow flow) {
    SessionCookieJar jar = new SessionCookieJar();
    synchronized (this) {
      if (sessionHttp != null) {
        throw new IllegalStateException("client for " + target + " already has a session");
      }
      sessionHttp = http.newBuilder().cookieJar(jar).build();
    }
    return new LoginSession(this, flow, jar);
  }

  UpstreamResponse execute(Duration budget, UpstreamRequest request, boolean inSession)
      throws UpstreamException {
    HttpUrl url = resolve(request.path());
    String described = request.method() + " " + describe(url);
    Optional<Backoff.State> pause = backoff.active();
    if (pause.isPresent()) {
      throw new UpstreamException(
          UpstreamReason.BACKOFF, described + ": " + Backoff.describe(pause.get(), clock));
    }
    Duration limit = budget.compareTo(timeout) < 0 ? budget : timeout;
    Instant deadline = clock.instant().plus(limit);
    OkHttpClient client = inSession && !request.isAnonymous() ? sessionHttp : http;
    String method = request.method();
    byte[] body = request.body();
    for (int hop = 0; ; hop++) {
      described = method + " " + describe(url);
      try (Response response =
          send(client, build(url, method, body, request), deadline, described)) {
        int status = response.code();
        if (response.isRedirect() && !request.accepts(status) && request.followsRedirects()) {
          HttpUrl next = redirectTarget(url, response, described, hop);
          if (status == 303 || ((status == 301 || status == 302) && !method.equals("GET"))) {
            method = "GET";
            body = null;
          }
          url = next;
          continue;
        }
        if (!response.isSuccessful()
            && !request.accepts(status)
            && !(response.isRedirect() && !request.followsRedirects())) {
          throw statusFailure(response, described);
        }
        UpstreamResponse answer =
            new UpstreamResponse(
                status, response.headers(), readBody(response, request, described), described);
        if (answer.isSuccessful()) {
          backoff.succeeded();
        }
        return answer;
      }
    }
  }

  private Response send(OkHttpClient client, Request request, Instant deadline, String described)
      throws UpstreamException {
    long millis = Duration.between(clock.instant(), deadline).toMillis();
    if (millis <= 0) {
      throw new UpstreamException(
          UpstreamReason.TIMEOUT, described + ": no time left in this scrape to ask");
    }
    Call call = client.newCall(request);
    call.timeout().timeout(millis, TimeUnit.MILLISECONDS);
    try {
      return call.execute();
    } catch (IOException e) {
      throw FailureClassifier.classify(described, e, false);
    }
  }

  private Request build(HttpUrl url, String method, byte[] body, UpstreamRequest request) {
    Request.Builder b = new Request.Builder().url(url).header("User-Agent", userAgent);
    if (!request.isAnonymous()) {
      credentials.ifPresent(c -> b.header(c.getKey(), c.getValue()));
    }
    request.headers().forEach(b::header);
    if (body != null) {
      // Bytes, not a String: OkHttp would add "; charset=utf-8", which some APIs reject.
      String type = request.contentType();
      b.method(method, RequestBody.create(body, type == null ? null : MediaType.get(type)));
    } else if (method.equals("POST")) {
      b.method(method, RequestBody.create(new byte[0], null));
    } else {
      b.method(method, null);
    }
    return b.build();
  }

  private HttpUrl redirectTarget(HttpUrl url, Response response, String described, int hop)
      throws UpstreamException {
    String location = response.header("Location");
    HttpUrl next = location == null ? null : url.resolve(location);
    if (next == null) {
      throw new UpstreamException(
          UpstreamReason.HTTP_STATUS,
          described + ": answered " + response.code() + " without a usable Location",
          response.code(),
          null);
    }
    if (!followRedirects) {
      throw new UpstreamException(
          UpstreamReason.HTTP_STATUS,
          described
              + ": redirects to "
              + describe(next)
              + " (follow_redirects is off: set url to the final address)",
          response.code(),
          null);
    }
    boolean sameHost = next.host().equalsIgnoreCase(url.host());
    boolean downgrade = url.isHttps() && !next.isHttps();
    if (!sameHost || downgrade) {
      // Following would carry the credentials to another host or over plain HTTP.
      throw new UpstreamException(
          UpstreamReason.HTTP_STATUS,
          described
              + ": redirects to "
              + describe(next)
              + ", which is not followed with credentials; set url to that address",
          response.code(),
          null);
    }
    if (hop >= MAX_REDIRECTS) {
      throw new UpstreamException(
          UpstreamReason.HTTP_STATUS,
          described + ": more than " + MAX_REDIRECTS + " redirects",
          response.code(),
          null);
    }
    return next;
  }

  private UpstreamException statusFailure(Response response, String described) {
    int status = response.code();
    if (status == 401 || status == 403) {
      return authFailure(
          described + ": answered " + status + ": the upstream refused the credentials", status);
    }
    if (status == 429) {
      String message = described + ": answered 429 Too Many Requests";
      Duration pause =
          backoff.rateLimited(RetryAfter.parse(response.header("Retry-After"), clock), message);
      return new UpstreamException(
          UpstreamReason.RATE_LIMITED,
          message + " (no further request for " + PromDuration.format(pause) + ")",
          status,
          null);
    }
    return new UpstreamException(
        UpstreamReason.HTTP_STATUS, described + ": answered HTTP " + status, status, null);
  }

  /** Starts (or prolongs) the auth backoff and says so in the failure. */
  UpstreamException authFailure(String message, int status) {
    Duration pause = backoff.authFailed(message);
    return new UpstreamException(
        UpstreamReason.AUTH,
        message
            + " (check them; no further request for "
            + PromDuration.format(pause)
            + " so that the account is not locked)",
        status,
        null);
  }

  private static byte[] readBody(Response response, UpstreamRequest request, String described)
      throws UpstreamException {
    long max = request.maxBodyBytes().orElse(DEFAULT_MAX_BODY_BYTES);
    ResponseBody body = response.body();
    long declared = body.contentLength();
    if (declared > max) {
      throw tooLarge(described, max, declared);
    }
    byte[] bytes;
    try (InputStream in = body.byteStream()) {
      // One byte over the limit tells an oversized answer from one that fits.
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
    } catch (IOException e) {
      throw FailureClassifier.classify(described, e, true);
    }
    if (bytes.length > max) {
      throw tooLarge(described, max, -1);
    }
    return bytes;
  }

  private static UpstreamException tooLarge(String described, long max, long declared) {
    return new UpstreamException(
        UpstreamReason.TOO_LARGE,
        described
            + ": answer larger than "
            + max
            + " bytes"
            + (declared > 0 ? " (" + declared + " announced)" : ""));
  }

  HttpUrl resolve(String path) {
    String relative = path.replaceFirst("^/+", "");
    HttpUrl url = base.resolve(relative);
    if (url == null
        || !url.scheme().equals(base.scheme())
        || !url.host().equals(base.host())
        || url.port() != base.port()) {
      throw new IllegalArgumentException("not a path below the upstream's url: " + path);
    }
    return url;
  }

  /** Scheme, host, port and path: queries can hold tokens and are left out of messages. */
  static String describe(HttpUrl url) {
    return url.newBuilder().query(null).fragment(null).build().toString();
  }
}
