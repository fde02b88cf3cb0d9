package io.github.homelabha.core.upstream;

import io.github.homelabha.core.api.ScrapeContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A login session with an API that hands out a cookie (UniFi, AdGuard Home's {@code
 * /control/login}): logs in at the first request, keeps the cookie and CSRF token, and logs in
 * again once when an answer says the session ended, then repeats that request once. It never logs
 * in per scrape. A refused login starts the client's auth backoff, so a wrong password is tried
 * rarely enough never to lock the account. {@link #close} logs out (registered with the exporter,
 * it runs at shutdown).
 */
public final class LoginSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LoginSession.class);
  private static final Duration LOGOUT_TIMEOUT = Duration.ofSeconds(2);

  private final UpstreamClient client;
  private final LoginFlow flow;
  private final SessionCookieJar cookies;
  private final Object lock = new Object();
  private final AtomicLong logins = new AtomicLong();
  private volatile boolean loggedIn;
  private volatile String csrfToken;
  private volatile boolean closed;
  private long generation;

  LoginSession(UpstreamClient client, LoginFlow flow, SessionCookieJar cookies) {
    this.client = client;
    this.flow = flow;
    this.cookies = cookies;
  }

  /** {@code GET <url>/<path>} in the session. */
  public UpstreamResponse get(ScrapeContext context, String path) throws UpstreamException {
    return execute(context, UpstreamRequest.get(path));
  }

  /** Sends {@code request} in the session, logging in first or again when needed. */
  public UpstreamResponse execute(ScrapeContext context, UpstreamRequest request)
      throws UpstreamException {
    if (closed) {
      throw new UpstreamException(UpstreamReason.UNREACHABLE, "session closed (shutting down)");
    }
    long seen = ensureLoggedIn(context);
    UpstreamResponse answer = send(context, request);
    if (flow.sessionExpired(answer)) {
      log.atInfo()
          .addKeyValue("target", client.target())
          .log("session ended upstream; logging in again");
      relogin(context, seen);
      answer = send(context, request);
      if (flow.sessionExpired(answer)) {
        invalidate();
        throw client.authFailure(
            answer.request() + ": refused right after a successful login", answer.status());
      }
    }
    if (answer.status() == 401 && !request.accepts(401)) {
      invalidate();
      throw client.authFailure(answer.request() + ": answered 401", 401);
    }
    return answer;
  }

  /** Logins so far (one at start, one more per expired session). */
  public long logins() {
    return logins.get();
  }

  public boolean isLoggedIn() {
    return loggedIn;
  }

  private UpstreamResponse send(ScrapeContext context, UpstreamRequest request)
      throws UpstreamException {
    UpstreamRequest r = request.acceptingStatus(401);
    Optional<CsrfHeader> csrf = flow.csrf();
    String token = csrfToken;
    if (csrf.isPresent() && token != null) {
      r = r.withHeader(csrf.get().sendAs(), token);
    }
    UpstreamResponse answer = client.execute(context.remaining(), r, true);
    remember(answer);
    return answer;
  }

  private long ensureLoggedIn(ScrapeContext context) throws UpstreamException {
    synchronized (lock) {
      if (!loggedIn) {
        login(context);
      }
      return generation;
    }
  }

  private void relogin(ScrapeContext context, long seen) throws UpstreamException {
    synchronized (lock) {
      if (generation == seen) { // nobody else has logged in again meanwhile
        loggedIn = false;
        login(context);
      }
    }
  }

  private void login(ScrapeContext context) throws UpstreamException {
    cookies.clear();
    csrfToken = null;
    UpstreamResponse answer = client.execute(context.remaining(), flow.login(), true);
    try {
      flow.checkLogin(answer);
    } catch (UpstreamException e) {
      if (e.upstreamReason() == UpstreamReason.AUTH) {
        throw client.authFailure(e.getMessage(), answer.status());
      }
      throw e;
    }
    remember(answer);
    loggedIn = true;
    generation++;
    logins.incrementAndGet();
    log.atInfo().addKeyValue("target", client.target()).log("logged in to {}", client.url());
  }

  private void remember(UpstreamResponse answer) {
    flow.csrf()
        .flatMap(
            c -> c.readFrom().stream().map(answer::header).flatMap(Optional::stream).findFirst())
        .ifPresent(t -> csrfToken = t);
  }

  private void invalidate() {
    synchronized (lock) {
      loggedIn = false;
      cookies.clear();
      csrfToken = null;
    }
  }

  /** Logs out if logged in; never throws, and gives up after two seconds. */
  @Override
  public void close() {
    closed = true;
    Optional<UpstreamRequest> logout = flow.logout();
    if (loggedIn && logout.isPresent()) {
      try {
        UpstreamRequest r = logout.get();
        String token = csrfToken;
        if (flow.csrf().isPresent() && token != null) {
          r = r.withHeader(flow.csrf().get().sendAs(), token);
        }
        client.execute(LOGOUT_TIMEOUT, r, true);
        log.atInfo().addKeyValue("target", client.target()).log("logged out");
      } catch (UpstreamException | RuntimeException e) {
        log.atDebug()
            .addKeyValue("target", client.target())
            .log("logout failed: {}", e.getMessage());
      }
    }
    invalidate();
  }
}
