package io.github.homelabha.unifi.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.homelabha.unifi.client.UnifiException.Kind;
import io.github.homelabha.unifi.client.json.Envelope;
import io.github.homelabha.unifi.client.json.Envelope.LoginRequiredException;
import io.github.homelabha.unifi.client.json.ModelMapper;
import io.github.homelabha.unifi.client.model.Alarm;
import io.github.homelabha.unifi.client.model.Client;
import io.github.homelabha.unifi.client.model.Device;
import io.github.homelabha.unifi.client.model.Event;
import io.github.homelabha.unifi.client.model.HealthSubsystem;
import io.github.homelabha.unifi.client.model.Site;
import io.github.homelabha.unifi.client.model.SysInfo;
import io.github.homelabha.unifi.client.tls.TlsOptions;
import io.github.homelabha.unifi.client.tls.TlsSetup;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client for one UniFi Network controller: a classic controller, a UniFi OS console or an API
 * key. It logs in once and keeps the session; when the controller drops it (401, {@code
 * api.err.LoginRequired}) it logs in once more and retries the request once. After a refused login
 * or a 429 it sends no login until the back-off ends (Retry-After, else 30 s doubling to 5 min), so
 * callers polling it never cause a login storm. Thread-safe; {@link #close()} logs out.
 *
 * <pre>{@code
 * try (UnifiClient unifi = UnifiClient.builder("https://192.168.1.1")
 *     .credentials("reader", password)
 *     .tls(TlsOptions.pinned("AA:BB:..."))
 *     .build()) {
 *   for (Device d : unifi.devices("default")) { ... }
 * }
 * }</pre>
 */
public final class UnifiClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UnifiClient.class);
  static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final ThreadLocal<Instant> DEADLINE = new ThreadLocal<>();

  private final HttpUrl base;
  private final OkHttpClient http;
  private final boolean ownsHttp;
  private final long maxResponseBytes;
  private final String apiKey;
  private final SessionLogin login;
  private final ClientStats stats = new ClientStats();
  private final RequestPause pause;
  private volatile Platform platform;
  private volatile boolean closed;

  private UnifiClient(Builder b) {
    this.base = b.base;
    this.maxResponseBytes = b.maxResponseBytes;
    this.apiKey = b.apiKey;
    this.platform = b.platform;
    SessionCookies cookies = new SessionCookies();
    OkHttpClient.Builder hb =
        b.httpClient != null ? b.httpClient.newBuilder() : new OkHttpClient.Builder();
    // Redirects are not followed: a login redirected elsewhere must not carry the password there.
    // A pooled connection the controller closed is retried on a fresh one (OkHttp's default).
    hb.cookieJar(cookies).followRedirects(false).followSslRedirects(false);
    if (b.httpClient == null || b.connectTimeout != null) {
      hb.connectTimeout(b.connectTimeout != null ? b.connectTimeout : Duration.ofSeconds(5));
    }
    if (b.httpClient == null || b.callTimeout != null) {
      Duration call = b.callTimeout != null ? b.callTimeout : Duration.ofSeconds(15);
      hb.callTimeout(call).readTimeout(call);
    }
    if (b.proxy != null) {
      hb.proxy(b.proxy.proxy()).proxyAuthenticator(b.proxy.authenticator());
    }
    if (b.tls != null) {
      TlsSetup.apply(hb, b.tls, base.scheme() + "://" + base.host() + ":" + base.port());
    }
    if (base.scheme().equals("http") && b.username != null) {
      LOG.warn(
          "controller {} is reached over plain http: the password crosses the network readable",
          base.host());
    }
    this.http = hb.build();
    this.ownsHttp = b.httpClient == null;
    this.pause =
        new RequestPause(b.clock, b.authBackoff, b.rateLimitedBackoff, b.backoffMax, stats);
    this.login =
        b.username == null ? null : new SessionLogin(this, cookies, b.username, b.password, pause);
  }

  /**
   * @param baseUrl e.g. {@code https://192.168.1.1} or {@code https://unifi.lan:8443}
   */
  public static Builder builder(String baseUrl) {
    return new Builder(baseUrl);
  }

  // ---- the API ----

  /** The sites this account may read. */
  public List<Site> sites() throws UnifiException {
    return rows(get("/api/self/sites"), ModelMapper::site);
  }

  public List<Device> devices(String site) throws UnifiException {
    return rows(get(sitePath(site, "stat/device")), ModelMapper::device);
  }

  /** Connected clients (stations). */
  public List<Client> clients(String site) throws UnifiException {
    return rows(get(sitePath(site, "stat/sta")), ModelMapper::client);
  }

  public List<HealthSubsystem> health(String site) throws UnifiException {
    return rows(get(sitePath(site, "stat/health")), ModelMapper::health);
  }

  public SysInfo sysinfo(String site) throws UnifiException {
    List<SysInfo> rows = rows(get(sitePath(site, "stat/sysinfo")), ModelMapper::sysinfo);
    if (rows.isEmpty()) {
      throw new UnifiException(Kind.API_ERROR, "controller sent no sysinfo for site " + site);
    }
    return rows.get(0);
  }

  /** Alarms, archived ones included (see {@link Alarm#archived()}). */
  public List<Alarm> alarms(String site) throws UnifiException {
    return rows(get(sitePath(site, "list/alarm")), ModelMapper::alarm);
  }

  /**
   * Events of the last {@code within} (whole hours, at least one), newest first, at most {@code
   * limit}. Controllers that no longer serve {@code stat/event} (Network 10.2) give an empty list.
   */
  public List<Event> events(String site, Duration within, int limit) throws UnifiException {
    long hours = Math.max(1, (within.toMinutes() + 59) / 60);
    String body = "{\"within\":" + hours + ",\"_limit\":" + Math.max(1, limit) + "}";
    try {
      return rows(post(sitePath(site, "stat/event"), body), ModelMapper::event);
    } catch (UnifiException e) {
      if (e.kind() == Kind.NOT_FOUND) {
        return List.of();
      }
      throw e;
    }
  }

  /** Work against the controller: several requests bounded by one deadline. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws UnifiException;
  }

  /**
   * Runs {@code work} with every request on this thread cut off at {@code deadline} (e.g. a
   * Prometheus scrape's), instead of only at the per-request timeout.
   */
  public <T> T withDeadline(Instant deadline, Work<T> work) throws UnifiException {
    Instant outer = DEADLINE.get();
    DEADLINE.set(outer != null && outer.isBefore(deadline) ? outer : deadline);
    try {
      return work.run();
    } finally {
      if (outer == null) {
        DEADLINE.remove();
      } else {
        DEADLINE.set(outer);
      }
    }
  }

  /** The platform in use; {@link Platform#AUTO} until the first request found out. */
  public Platform platform() {
    return platform;
  }

  public ClientStats stats() {
    return stats;
  }

  /** {@code scheme://host:port} of the controller (no credentials, no path). */
  public String endpoint() {
    return base.scheme() + "://" + base.host() + ":" + base.port();
  }

  // ---- requests ----

  private static String sitePath(String site, String what) {
    return "/api/s/" + URLEncoder.encode(site, StandardCharsets.UTF_8) + "/" + what;
  }

  private static <T> List<T> rows(byte[] body, Function<JsonNode, T> mapper) throws UnifiException {
    return Envelope.rows(body, mapper);
  }

  byte[] get(String path) throws UnifiException {
    return call(path, null);
  }

  byte[] post(String path, String json) throws UnifiException {
    return call(path, json);
  }

  /** Sends one request to a Network path, logging in before and once more on a dropped session. */
  private byte[] call(String path, String json) throws UnifiException {
    if (closed) {
      throw new IllegalStateException("client is closed");
    }
    pause.check(endpoint());
    Platform p = platform();
    if (p == Platform.AUTO) {
      p = detectPlatform();
    }
    if (login == null) {
      return settle(send(p, path, json, null));
    }
    long generation = login.ensureSession(p);
    Answer answer = send(p, path, json, login.csrfToken());
    if (!answer.loginRequired()) {
      return settle(answer);
    }
    login.renew(p, generation);
    Answer retry = send(p, path, json, login.csrfToken());
    if (retry.loginRequired()) {
      pause.pause(false, Optional.empty(), "the controller refused the new session");
      throw new UnifiException(
          Kind.AUTH, "controller refused the new session too; check the account's permissions");
    }
    return settle(retry);
  }

  /**
   * The body of a 2xx answer. A refusal (401 with an API key, 403) or a 429 pauses the client, so
   * the next calls fail at once instead of asking again.
   */
  private byte[] settle(Answer answer) throws UnifiException {
    if (answer.status >= 200 && answer.status < 300) {
      pause.succeeded();
      return answer.body;
    }
    if (answer.status == 429) {
      pause.pause(true, answer.retryAfter, "the controller answered 429 Too Many Requests");
    } else if (answer.status == 401 || answer.status == 403) {
      pause.pause(false, Optional.empty(), "the controller refused access (" + answer.status + ")");
    }
    return answer.ok();
  }

  /** One HTTP answer, read within the size limit. */
  private final class Answer {
    final int status;
    final byte[] body;
    final String path;
    final Optional<Duration> retryAfter;

    Answer(int status, byte[] body, String path, Optional<Duration> retryAfter) {
      this.status = status;
      this.body = body;
      this.path = path;
      this.retryAfter = retryAfter;
    }

    boolean loginRequired() {
      if (status == 401) {
        return true;
      }
      if (status == 200 || status == 400) {
        try {
          Envelope.rows(body, n -> n);
        } catch (LoginRequiredException e) {
          return true;
        } catch (UnifiException e) {
          return false;
        }
      }
      return false;
    }

    byte[] ok() throws UnifiException {
      if (status >= 200 && status < 300) {
        return body;
      }
      throw HttpErrors.forStatus(status, body, path, stats);
    }
  }

  private Answer send(Platform p, String path, String json, String csrf) throws UnifiException {
    String full = (p == Platform.UNIFI_OS ? "/proxy/network" : "") + path;
    Request.Builder rb = new Request.Builder().url(url(full));
    rb.header("Accept", "application/json");
    if (apiKey != null) {
      rb.header("X-API-KEY", apiKey);
    }
    if (csrf != null) {
      rb.header("X-CSRF-Token", csrf);
    }
    if (json != null) {
      rb.post(RequestBody.create(json, JSON));
    }
    try (Response response = execute(rb.build())) {
      if (login != null) {
        login.updateCsrf(response);
      }
      Optional<Duration> retryAfter =
          HttpErrors.retryAfter(response.header("Retry-After"), pause.now());
      return new Answer(response.code(), read(response), path, retryAfter);
    }
  }

  HttpUrl url(String path) {
    HttpUrl.Builder ub = base.newBuilder();
    String prefix =
        base.encodedPath().endsWith("/")
            ? base.encodedPath().substring(0, base.encodedPath().length() - 1)
            : base.encodedPath();
    return ub.encodedPath(prefix + path).build();
  }

  /** Executes a request; transport failures become UNREACHABLE or TLS. */
  Response execute(Request request) throws UnifiException {
    return execute(http, request);
  }

  Response execute(OkHttpClient client, Request request) throws UnifiException {
    okhttp3.Call call = client.newCall(request);
    Instant deadline = DEADLINE.get();
    if (deadline != null) {
      long left = Duration.between(Instant.now(), deadline).toNanos();
      if (left <= 0) {
        throw new UnifiException(Kind.TIMEOUT, "no time left for a request to " + endpoint());
      }
      long configured = call.timeout().timeoutNanos();
      call.timeout()
          .timeout(configured == 0 ? left : Math.min(left, configured), TimeUnit.NANOSECONDS);
    }
    stats.requests.incrementAndGet();
    try {
      return call.execute();
    } catch (SSLException e) {
      throw new UnifiException(
          Kind.TLS,
          "TLS with "
              + endpoint()
              + " failed, nothing was sent: "
              + rootMessage(e)
              + " (pin the certificate's SHA-256 fingerprint or give its CA file)",
          e);
    } catch (InterruptedIOException e) {
      throw new UnifiException(Kind.TIMEOUT, "no answer from " + endpoint() + " in time", e);
    } catch (IOException e) {
      throw new UnifiException(
          Kind.UNREACHABLE, "cannot reach " + endpoint() + ": " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }

  /** The body, at most {@code maxResponseBytes}. */
  byte[] read(Response response) throws UnifiException {
    ResponseBody body = response.body();
    long declared = body.contentLength();
    if (declared > maxResponseBytes) {
      throw tooLarge(declared);
    }
    try {
      BufferedSource source = body.source();
      if (source.request(maxResponseBytes + 1)) {
        throw tooLarge(-1);
      }
      return source.getBuffer().readByteArray();
    } catch (InterruptedIOException e) {
      throw new UnifiException(Kind.TIMEOUT, "answer from " + endpoint() + " stalled", e);
    } catch (IOException e) {
      // The connection was cut mid-answer: what arrived is not a whole document.
      throw new UnifiParseException(
          "answer from " + endpoint() + " broke off before its end: " + rootMessage(e), e);
    }
  }

  private UnifiException tooLarge(long declared) {
    return new UnifiException(
        Kind.TOO_LARGE,
        "answer from "
            + endpoint()
            + (declared > 0 ? " of " + declared + " bytes" : "")
            + " exceeds the limit of "
            + maxResponseBytes
            + " bytes");
  }

  /**
   * A cookie-less {@code GET /} without following redirects: UniFi OS answers 200 with its web app,
   * a classic controller redirects to {@code /manage}. Carries no credentials.
   */
  private synchronized Platform detectPlatform() throws UnifiException {
    if (platform != Platform.AUTO) {
      return platform;
    }
    OkHttpClient probe = http.newBuilder().cookieJar(okhttp3.CookieJar.NO_COOKIES).build();
    Request request = new Request.Builder().url(url("/")).build();
    Platform found;
    try (Response r = execute(probe, request)) {
      if (r.code() == 200) {
        found = Platform.UNIFI_OS;
      } else if (r.isRedirect()) {
        found = Platform.CLASSIC;
      } else {
        throw new UnifiException(
            Kind.API_ERROR,
            "cannot tell whether "
                + endpoint()
                + " is a UniFi OS console or a classic controller (GET / answered "
                + r.code()
                + "); set the platform explicitly");
      }
    }
    LOG.info(
        "controller {} is {}", endpoint(), found == Platform.UNIFI_OS ? "UniFi OS" : "classic");
    platform = found;
    return found;
  }

  /** Logs out (when logged in with a password) and releases connections. Never throws. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (login != null) {
      login.logout(platform);
    }
    if (ownsHttp) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /** Configures a {@link UnifiClient}; only the URL and one kind of credentials are required. */
  public static final class Builder {
    private final HttpUrl base;
    private String username;
    private String password;
    private String apiKey;
    private Platform platform = Platform.AUTO;
    private TlsOptions tls;
    private ProxyUrl proxy;
    private Duration connectTimeout;
    private Duration callTimeout;
    private long maxResponseBytes = 64L * 1024 * 1024;
    private OkHttpClient httpClient;
    private Clock clock = Clock.systemUTC();
    private Duration authBackoff = Duration.ofSeconds(30);
    private Duration rateLimitedBackoff = Duration.ofSeconds(30);
    private Duration backoffMax = Duration.ofMinutes(5);

    private Builder(String baseUrl) {
      HttpUrl url = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
      if (url == null) {
        throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
      }
      if (!url.username().isEmpty() || !url.password().isEmpty()) {
        throw new IllegalArgumentException("put credentials in credentials(), not in the URL");
      }
      this.base = url.newBuilder().query(null).fragment(null).build();
    }

    /** A local account (accounts with 2FA cannot log in from a program). */
    public Builder credentials(String username, String password) {
      this.username = Objects.requireNonNull(username);
      this.password = Objects.requireNonNull(password);
      return this;
    }

    /** An API key (Network 9+, sent as {@code X-API-KEY}; no login, no session). */
    public Builder apiKey(String apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey);
      return this;
    }

    /** Default {@link Platform#AUTO}: found out with one cookie-less {@code GET /}. */
    public Builder platform(Platform platform) {
      this.platform = Objects.requireNonNull(platform);
      return this;
    }

    /**
     * Certificate checks; default: the system's CAs, or the given {@link #httpClient}'s settings.
     */
    public Builder tls(TlsOptions tls) {
      this.tls = tls;
      return this;
    }

    /**
     * Reach the controller through this proxy: {@code http://[user:password@]host:port} or {@code
     * socks5://host:port}. HTTPS is tunnelled with {@code CONNECT}: the certificate checks of
     * {@link #tls} still apply to the controller itself. Default: none (or the given {@link
     * #httpClient}'s).
     *
     * @throws IllegalArgumentException when {@code proxyUrl} is no such URL
     */
    public Builder proxy(String proxyUrl) {
      this.proxy = ProxyUrl.parse(Objects.requireNonNull(proxyUrl, "proxyUrl"));
      return this;
    }

    /** The same, already parsed. */
    public Builder proxy(ProxyUrl proxy) {
      this.proxy = proxy;
      return this;
    }

    /** Default 5 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** Whole request, reading included; default 15 s. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = timeout;
      return this;
    }

    /** Answers larger than this fail with {@link Kind#TOO_LARGE}; default 64 MiB. */
    public Builder maxResponseBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxResponseBytes must be positive");
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /**
     * Start from this client (its TLS, proxy, timeouts and connection pool). The UniFi client adds
     * its own cookie jar and turns off redirects; {@link #tls} given here replaces the TLS set up.
     */
    public Builder httpClient(OkHttpClient client) {
      this.httpClient = client;
      return this;
    }

    /**
     * The pause after a refusal (401, 403, a refused login) or a 429 without a longer Retry-After:
     * {@code start}, doubling with each further refusal up to {@code max}. Default 30 s to 5 min.
     */
    public Builder loginBackoff(Duration start, Duration max) {
      return backoff(start, start, max);
    }

    /** The same with separate first pauses after a refusal and after a 429. */
    public Builder backoff(Duration afterRefusal, Duration afterRateLimit, Duration max) {
      if (afterRefusal.isNegative() || afterRateLimit.isNegative() || max.isNegative()) {
        throw new IllegalArgumentException("back-off durations must not be negative");
      }
      this.authBackoff = afterRefusal;
      this.rateLimitedBackoff = afterRateLimit;
      this.backoffMax = max;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public UnifiClient build() {
      if ((username == null) == (apiKey == null)) {
        throw new IllegalArgumentException("give either credentials or an API key");
      }
      if (!base.scheme().equals("https") && !base.scheme().equals("http")) {
        throw new IllegalArgumentException("controller URL must be http or https");
      }
      return new UnifiClient(this);
    }
  }
}
