package io.github.homelabha.adguard.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AdGuard Home's authentication: Basic auth on every request, or an {@code agh_session} cookie from
 * {@code POST /control/login} (a request with the cookie is judged by the cookie alone). Five
 * failed logins lock the client address out; a wrong Basic password answers 401 and counts
 * (v0.107.7x), or 403 without counting (older releases).
 */
final class Authenticator {
  static final int MAX_FAILURES = 5;
  static final String COOKIE = "agh_session";

  /** What a request's credentials amount to. */
  enum Verdict {
    OK,
    UNAUTHORIZED,
    FORBIDDEN,
    LOCKED
  }

  private final Clock clock;
  private final String username;
  private final byte[] password;
  private final int basicFailureStatus;
  private final Duration lockout;
  private final SecureRandom random = new SecureRandom();
  private final Set<String> sessions = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> failures = new HashMap<>();
  private final Map<String, Instant> lockedUntil = new HashMap<>();
  private long loginAttempts;
  private long failedAttempts;

  Authenticator(
      Clock clock, String username, String password, int basicFailureStatus, Duration lockout) {
    this.clock = clock;
    this.username = username;
    this.password = password.getBytes(StandardCharsets.UTF_8);
    this.basicFailureStatus = basicFailureStatus;
    this.lockout = lockout;
  }

  /** Judges a {@code /control/} request by its cookie, else its Basic header. */
  synchronized Verdict check(String clientAddress, String authorization, String cookieHeader) {
    String session = sessionCookie(cookieHeader);
    if (session != null) {
      return sessions.contains(session) ? Verdict.OK : Verdict.UNAUTHORIZED;
    }
    if (authorization == null || !authorization.startsWith("Basic ")) {
      return Verdict.UNAUTHORIZED;
    }
    if (isLocked(clientAddress)) {
      return Verdict.LOCKED;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Verdict.UNAUTHORIZED;
    }
    int colon = decoded.indexOf(':');
    loginAttempts++;
    if (colon >= 0 && matches(decoded.substring(0, colon), decoded.substring(colon + 1))) {
      failures.remove(clientAddress);
      return Verdict.OK;
    }
    failedAttempts++;
    if (basicFailureStatus == 403) {
      return Verdict.FORBIDDEN;
    }
    countFailure(clientAddress);
    return Verdict.UNAUTHORIZED;
  }

  /** {@code POST /control/login}: a new session id, or null (and a counted failure). */
  synchronized String login(String clientAddress, String name, String pass) {
    loginAttempts++;
    if (matches(name, pass)) {
      failures.remove(clientAddress);
      byte[] id = new byte[16];
      random.nextBytes(id);
      String session = HexFormat.of().formatHex(id);
      sessions.add(session);
      return session;
    }
    failedAttempts++;
    countFailure(clientAddress);
    return null;
  }

  synchronized void logout(String cookieHeader) {
    String session = sessionCookie(cookieHeader);
    if (session != null) {
      sessions.remove(session);
    }
  }

  synchronized boolean isLocked(String clientAddress) {
    Instant until = lockedUntil.get(clientAddress);
    if (until == null) {
      return false;
    }
    if (!clock.instant().isBefore(until)) {
      lockedUntil.remove(clientAddress);
      return false;
    }
    return true;
  }

  synchronized long lockSecondsLeft(String clientAddress) {
    Instant until = lockedUntil.get(clientAddress);
    return until == null ? 0 : Math.max(1, Duration.between(clock.instant(), until).toSeconds());
  }

  synchronized void unlockAll() {
    lockedUntil.clear();
    failures.clear();
  }

  synchronized void dropSessions() {
    sessions.clear();
  }

  synchronized long loginAttempts() {
    return loginAttempts;
  }

  synchronized long failedAttempts() {
    return failedAttempts;
  }

  int basicFailureStatus() {
    return basicFailureStatus;
  }

  private void countFailure(String clientAddress) {
    int n = failures.merge(clientAddress, 1, Integer::sum);
    if (n >= MAX_FAILURES) {
      failures.remove(clientAddress);
      lockedUntil.put(clientAddress, clock.instant().plus(lockout));
    }
  }

  private boolean matches(String name, String pass) {
    boolean nameOk =
        MessageDigest.isEqual(
            name.getBytes(StandardCharsets.UTF_8), username.getBytes(StandardCharsets.UTF_8));
    boolean passOk = MessageDigest.isEqual(pass.getBytes(StandardCharsets.UTF_8), password);
    return nameOk && passOk;
  }

  private static String sessionCookie(String cookieHeader) {
    if (cookieHeader == null) {
      return null;
    }
    for (String part : cookieHeader.split(";")) {
      String p = part.trim();
      if (p.startsWith(COOKIE + "=")) {
        return p.substring(COOKIE.length() + 1);
      }
    }
    return null;
  }
}
