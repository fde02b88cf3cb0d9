package io.github.homelabha.unifi.client;

import io.github.homelabha.unifi.client.UnifiException.Kind;
import io.github.homelabha.unifi.client.json.ErrorBodies;
import java.time.Instant;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login session of a user name and password: one login, kept until the controller drops it.
 * Logins are serialised; a refused or rate-limited login pauses further logins (Retry-After, else a
 * doubling back-off), and while paused callers fail at once without contacting the controller.
 */
final class SessionLogin {
  private static final Logger LOG = LoggerFactory.getLogger(SessionLogin.class);

  private final UnifiClient client;
  private final SessionCookies cookies;
  private final String username;
  private final String password;
  private final RequestPause pause;
  private final ClientStats stats;

  private volatile String csrf;
  private long generation;
  private boolean loggedIn;

  SessionLogin(
      UnifiClient client,
      SessionCookies cookies,
      String username,
      String password,
      RequestPause pause) {
    this.client = client;
    this.cookies = cookies;
    this.username = username;
    this.password = password;
    this.pause = pause;
    this.stats = client.stats();
  }

  String csrfToken() {
    String token = csrf;
    return token != null ? token : cookies.csrfCookie();
  }

  /** Logs in unless a session exists; returns the session's generation. */
  synchronized long ensureSession(Platform platform) throws UnifiException {
    if (!loggedIn || !cookies.hasSession()) {
      login(platform);
    }
    return generation;
  }

  /**
   * The controller dropped the session seen as {@code seenGeneration}: log in again, unless another
   * thread already did.
   */
  synchronized void renew(Platform platform, long seenGeneration) throws UnifiException {
    if (generation != seenGeneration && loggedIn) {
      return;
    }
    loggedIn = false;
    cookies.clear();
    csrf = null;
    stats.sessionRenewals.incrementAndGet();
    LOG.info("session with {} expired; logging in again", client.endpoint());
    login(platform);
  }

  private void login(Platform platform) throws UnifiException {
    pause.check(client.endpoint());
    Instant now = pause.now();
    cookies.clear();
    csrf = null;
    String path = platform == Platform.UNIFI_OS ? "/api/auth/login" : "/api/login";
    String body =
        "{\"username\":"
            + jsonString(username)
            + ",\"password\":"
            + jsonString(password)
            + ",\"rememberMe\":true}";
    Request request =
        new Request.Builder()
            .url(client.url(path))
            .header("Accept", "application/json")
            .post(RequestBody.create(body, UnifiClient.JSON))
            .build();
    stats.loginAttempts.incrementAndGet();
    int status;
    byte[] answer;
    String retryAfter;
    try (Response response = client.execute(request)) {
      status = response.code();
      retryAfter = response.header("Retry-After");
      answer = client.read(response);
      updateCsrf(response);
    }
    if (status >= 200 && status < 300 && cookies.hasSession()) {
      loggedIn = true;
      generation++;
      pause.succeeded();
      LOG.debug("logged in to {} as {}", client.endpoint(), username);
      return;
    }
    stats.loginFailures.incrementAndGet();
    String code = ErrorBodies.code(answer);
    if (status == 429 || code.equals("AUTHENTICATION_FAILED_LIMIT_REACHED")) {
      stats.rateLimited.incrementAndGet();
      Instant until =
          pause.pause(
              true,
              HttpErrors.retryAfter(retryAfter, now),
              "the controller limits login attempts (HTTP " + status + ")");
      LOG.warn(
          "{} refused the login with HTTP {} (too many logins); next try at {}",
          client.endpoint(),
          status,
          until);
      throw new UnifiRateLimitedException(
          Kind.RATE_LIMITED,
          client.endpoint() + " limits login attempts; next login at " + until,
          until);
    }
    if (code.contains("2fa") || code.contains("2FA") || code.contains("MFA")) {
      pause.pause(false, java.util.Optional.empty(), "the account needs two-factor authentication");
      throw new UnifiException(
          Kind.TWO_FACTOR,
          "account "
              + username
              + " needs two-factor authentication, which a program cannot answer: use a local"
              + " account without 2FA or an API key");
    }
    if (status >= 200 && status < 300) {
      pause.pause(false, java.util.Optional.empty(), "the login set no session cookie");
      throw new UnifiException(
          Kind.AUTH,
          "login to "
              + client.endpoint()
              + " answered "
              + status
              + " but set no session cookie;"
              + " is this a UniFi Network controller (check the platform)?");
    }
    if (status == 400 || status == 401 || status == 403) {
      Instant until = pause.pause(false, java.util.Optional.empty(), "the last login was refused");
      throw new UnifiException(
          Kind.AUTH,
          "login to "
              + client.endpoint()
              + " as "
              + username
              + " refused (HTTP "
              + status
              + (code.isEmpty() ? "" : " " + ErrorBodies.clean(code))
              + "): check user name and password; next try at "
              + until);
    }
    throw new UnifiException(
        Kind.API_ERROR,
        "login to "
            + client.endpoint()
            + " answered HTTP "
            + status
            + (code.isEmpty() ? "" : " " + ErrorBodies.clean(code)));
  }

  /** UniFi OS sends the first token with the login and rotates it in later answers. */
  void updateCsrf(Response response) {
    String updated = response.header("X-Updated-CSRF-Token");
    if (updated == null) {
      updated = response.header("X-CSRF-Token");
    }
    if (updated != null && !updated.isBlank() && updated.length() <= 512) {
      csrf = updated.trim();
    }
  }

  /** Best effort: a logout that fails changes nothing for the caller. */
  synchronized void logout(Platform platform) {
    if (!loggedIn || platform == Platform.AUTO) {
      return;
    }
    String path = platform == Platform.UNIFI_OS ? "/api/auth/logout" : "/api/logout";
    Request.Builder rb =
        new Request.Builder().url(client.url(path)).post(RequestBody.create("", null));
    String token = csrfToken();
    if (token != null) {
      rb.header("X-CSRF-Token", token);
    }
    try (Response ignored = client.execute(rb.build())) {
      LOG.debug("logged out of {}", client.endpoint());
    } catch (UnifiException e) {
      LOG.debug("logout from {} failed: {}", client.endpoint(), e.getMessage());
    } finally {
      loggedIn = false;
      cookies.clear();
      csrf = null;
    }
  }

  private static String jsonString(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
