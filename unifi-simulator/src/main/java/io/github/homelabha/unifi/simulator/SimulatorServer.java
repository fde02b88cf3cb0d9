package io.github.homelabha.unifi.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The HTTPS server of the simulator: login, sessions, rate limits, data paths, fault controls. */
final class SimulatorServer {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_BODY = 64 * 1024;

  private final SimulatorSettings settings;
  private final Map<String, SimulatedSite> sites = new LinkedHashMap<>();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Deque<Long> recentLogins = new ArrayDeque<>();
  private final SecureRandom tokens = new SecureRandom();
  private final Random garbage;
  private final HttpsServer server;
  private final ExecutorService executor;
  final SimulatorStats stats = new SimulatorStats();

  private static final class Session {
    final Instant expires;
    volatile String csrf;
    final AtomicLong requests = new AtomicLong();

    Session(Instant expires, String csrf) {
      this.expires = expires;
      this.csrf = csrf;
    }
  }

  SimulatorServer(SimulatorSettings settings, SelfSignedCertificate certificate)
      throws IOException {
    this.settings = settings;
    this.garbage = new Random(settings.seed);
    for (int i = 0; i < settings.sites; i++) {
      String name = i == 0 ? "default" : "site" + (i + 1);
      String id = String.format("5e231c10931eb902acf2%04x", i);
      sites.put(
          name,
          new SimulatedSite(
              id,
              name,
              i == 0 ? "Default" : "Branch " + (i + 1),
              settings.devices,
              settings.clients,
              settings.mode == SimulatorSettings.Mode.UNIFI_OS,
              settings.seed + i));
    }
    sites.values().forEach(site -> site.frozenTime = settings.frozenTime);
    server = HttpsServer.create(new InetSocketAddress(settings.bindAddress, settings.port), 64);
    server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
    executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "unifi-simulator");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  void start() {
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  void stop() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  SimulatedSite site(String name) {
    return sites.get(name);
  }

  void expireSessions() {
    sessions.clear();
  }

  private boolean unifiOs() {
    return settings.mode == SimulatorSettings.Mode.UNIFI_OS;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      stats.requests.incrementAndGet();
      try {
        long latency = settings.latency.toMillis();
        if (latency > 0) {
          Thread.sleep(latency);
        }
        route(exchange);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        System.err.println("unifi-simulator: " + exchange.getRequestURI().getPath() + ": " + e);
        send(
            exchange,
            500,
            "{\"meta\":{\"rc\":\"error\",\"msg\":\"api.err.Internal\"},\"data\":[]}");
      }
    }
  }

  private void route(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    if (path.startsWith("/sim/")) {
      control(ex, path);
      return;
    }
    if (path.equals("/")) {
      if (unifiOs()) {
        send(ex, 200, "text/html", "<!doctype html><title>UniFi OS</title>");
      } else {
        ex.getResponseHeaders().set("Location", "/manage");
        send(ex, 302, "");
      }
      return;
    }
    String loginPath = unifiOs() ? "/api/auth/login" : "/api/login";
    String logoutPath = unifiOs() ? "/api/auth/logout" : "/api/logout";
    if (path.equals(loginPath) && method.equals("POST")) {
      login(ex);
      return;
    }
    if (path.equals(logoutPath) && method.equals("POST")) {
      Session s = session(ex);
      if (s != null) {
        sessions.values().remove(s);
      }
      stats.logouts.incrementAndGet();
      send(ex, 200, unifiOs() ? "{}" : envelope(SimulatedSite.JSON.arrayNode()));
      return;
    }
    String networkPath = path;
    if (unifiOs()) {
      if (!path.startsWith("/proxy/network/")) {
        send(ex, 404, "{\"error\":{\"code\":404,\"message\":\"Not Found\"}}");
        return;
      }
      networkPath = path.substring("/proxy/network".length());
    }
    if (networkPath.equals("/status")) {
      send(ex, 200, "{\"meta\":{\"rc\":\"ok\",\"up\":true},\"data\":[]}");
      return;
    }
    if (!authorized(ex, method)) {
      stats.unauthorized.incrementAndGet();
      send(
          ex,
          401,
          unifiOs()
              ? "{\"error\":{\"code\":401,\"message\":\"Unauthorized\"}}"
              : "{\"meta\":{\"rc\":\"error\",\"msg\":\"api.err.LoginRequired\"},\"data\":[]}");
      return;
    }
    data(ex, networkPath);
  }

  private void login(HttpExchange ex) throws IOException {
    stats.loginAttempts.incrementAndGet();
    long now = System.currentTimeMillis();
    synchronized (recentLogins) {
      while (!recentLogins.isEmpty() && recentLogins.peekFirst() < now - 60_000) {
        recentLogins.pollFirst();
      }
      if (recentLogins.size() >= settings.loginsPerMinute) {
        stats.rateLimited.incrementAndGet();
        if (settings.retryAfterSeconds > 0) {
          ex.getResponseHeaders().set("Retry-After", Integer.toString(settings.retryAfterSeconds));
        }
        send(
            ex,
            429,
            "{\"code\":\"AUTHENTICATION_FAILED_LIMIT_REACHED\","
                + "\"message\":\"You've reached the login attempt limit\",\"level\":\"debug\"}");
        return;
      }
      recentLogins.addLast(now);
    }
    JsonNode body;
    try (InputStream in = ex.getRequestBody()) {
      body = MAPPER.readTree(in.readNBytes(MAX_BODY));
    } catch (IOException e) {
      body = null;
    }
    String user = body == null ? null : body.path("username").asText(null);
    String pass = body == null ? null : body.path("password").asText(null);
    if (!settings.username.equals(user) || !settings.password.equals(pass)) {
      stats.loginFailures.incrementAndGet();
      if (unifiOs()) {
        send(
            ex,
            401,
            "{\"code\":\"AUTHENTICATION_FAILED_INVALID_CREDENTIALS\","
                + "\"message\":\"Invalid username or password\",\"level\":\"debug\"}");
      } else {
        send(ex, 400, "{\"meta\":{\"rc\":\"error\",\"msg\":\"api.err.Invalid\"},\"data\":[]}");
      }
      return;
    }
    String token = HexFormat.of().formatHex(randomBytes(24));
    String csrf = HexFormat.of().formatHex(randomBytes(16));
    sessions.put(token, new Session(Instant.now().plus(settings.sessionTtl), csrf));
    stats.loginSuccesses.incrementAndGet();
    if (unifiOs()) {
      ex.getResponseHeaders()
          .add(
              "Set-Cookie",
              "TOKEN=" + token + "; path=/; samesite=none; secure; httponly; partitioned");
      ex.getResponseHeaders().set("X-CSRF-Token", csrf);
      ObjectNode user0 = SimulatedSite.JSON.objectNode();
      user0
          .put("unique_id", "6a1e0d3c-5e8b-4c2f-9d0a-simulated")
          .put("username", user)
          .put("first_name", "Local")
          .put("last_name", "Reader")
          .put("isOwner", false)
          .put("deviceToken", "");
      send(ex, 200, user0.toString());
    } else {
      ex.getResponseHeaders().add("Set-Cookie", "unifises=" + token + "; Path=/; Secure; HttpOnly");
      ex.getResponseHeaders().add("Set-Cookie", "csrf_token=" + csrf + "; Path=/; Secure");
      send(ex, 200, envelope(SimulatedSite.JSON.arrayNode()));
    }
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    tokens.nextBytes(b);
    return b;
  }

  private Session session(HttpExchange ex) {
    String cookieName = unifiOs() ? "TOKEN" : "unifises";
    for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String part : header.split(";")) {
        String[] kv = part.trim().split("=", 2);
        if (kv.length == 2 && kv[0].equals(cookieName)) {
          Session s = sessions.get(kv[1]);
          if (s != null && s.expires.isAfter(Instant.now())) {
            return s;
          }
          if (s != null) {
            sessions.remove(kv[1]);
            stats.expiredSessions.incrementAndGet();
          }
        }
      }
    }
    return null;
  }

  private boolean authorized(HttpExchange ex, String method) {
    String key = ex.getRequestHeaders().getFirst("X-API-KEY");
    if (key != null) {
      return unifiOs() && settings.apiKey != null && settings.apiKey.equals(key);
    }
    Session s = session(ex);
    if (s == null) {
      return false;
    }
    if (unifiOs()) {
      String csrf = ex.getRequestHeaders().getFirst("X-CSRF-Token");
      if (!method.equals("GET") && !s.csrf.equals(csrf)) {
        stats.csrfRejected.incrementAndGet();
        return false;
      }
      long n = s.requests.incrementAndGet();
      if (settings.csrfRotateEvery > 0 && n % settings.csrfRotateEvery == 0) {
        s.csrf = HexFormat.of().formatHex(randomBytes(16));
        ex.getResponseHeaders().set("X-Updated-CSRF-Token", s.csrf);
      }
    }
    return true;
  }

  private void data(HttpExchange ex, String path) throws IOException {
    if (path.equals("/api/self/sites") || path.equals("/api/stat/sites")) {
      ArrayNode rows = SimulatedSite.JSON.arrayNode();
      sites.values().forEach(s -> rows.add(s.siteJson()));
      sendData(ex, rows);
      return;
    }
    String[] parts = path.split("/");
    // "", "api", "s", site, kind, what
    if (parts.length != 6 || !parts[1].equals("api") || !parts[2].equals("s")) {
      send(ex, 404, "{\"meta\":{\"rc\":\"error\",\"msg\":\"api.err.NotFound\"},\"data\":[]}");
      return;
    }
    SimulatedSite site = sites.get(parts[3]);
    if (site == null) {
      send(ex, 400, "{\"meta\":{\"rc\":\"error\",\"msg\":\"api.err.NoSiteContext\"},\"data\":[]}");
      return;
    }
    String what = parts[4] + "/" + parts[5];
    ArrayNode rows =
        switch (what) {
          case "stat/device" -> site.devicesJson();
          case "stat/sta" -> site.clientsJson();
          case "stat/health" -> site.healthJson();
          case "stat/sysinfo" -> sysinfo();
          case "list/alarm", "stat/alarm" -> site.alarmsJson();
          case "stat/event" -> site.eventsJson();
          default -> null;
        };
    if (rows == null) {
      send(ex, 404, "{\"meta\":{\"rc\":\"error\",\"msg\":\"api.err.NotFound\"},\"data\":[]}");
      return;
    }
    sendData(ex, rows);
  }

  private ArrayNode sysinfo() {
    ArrayNode rows = SimulatedSite.JSON.arrayNode();
    ObjectNode o = rows.addObject();
    o.put("version", "9.0.114").put("build", "atag_9.0.114_28033").put("hostname", "unifi-sim");
    o.put("name", "unifi-sim").put("timezone", "Europe/Berlin").put("https_port", 8443);
    if (unifiOs()) {
      o.put("console_display_version", "4.1.13").put("ubnt_device_type", "UCGMAX");
    }
    // Real sysinfo carries secrets (sso_app_sec): exporters must not pass them on.
    o.put("sso_app_sec", "simulated-sso-secret-never-export");
    return rows;
  }

  private void sendData(HttpExchange ex, ArrayNode rows) throws IOException {
    stats.dataAnswers.incrementAndGet();
    String body = envelope(rows);
    double ratio = settings.garbageRatio;
    if (ratio > 0) {
      boolean spoil;
      synchronized (garbage) {
        spoil = garbage.nextDouble() < ratio;
      }
      if (spoil) {
        stats.garbageAnswers.incrementAndGet();
        body = body.substring(0, body.length() / 2) + "\u0000<html>";
      }
    }
    send(ex, 200, body);
  }

  private String envelope(ArrayNode rows) {
    ObjectNode root = SimulatedSite.JSON.objectNode();
    ObjectNode meta = root.putObject("meta").put("rc", "ok");
    if (settings.paddingBytes > 0) {
      meta.put("padding", "x".repeat(settings.paddingBytes));
    }
    root.set("data", rows);
    return root.toString();
  }

  private void control(HttpExchange ex, String path) throws IOException {
    Map<String, String> q = query(ex.getRequestURI().getRawQuery());
    SimulatedSite site = sites.get(q.getOrDefault("site", "default"));
    switch (path) {
      case "/sim/stats" -> {
        send(ex, 200, MAPPER.writeValueAsString(stats.snapshot()));
        return;
      }
      case "/sim/expire-sessions" -> expireSessions();
      case "/sim/device" -> {
        SimulatedSite.SimDevice d = site == null ? null : site.device(q.getOrDefault("mac", ""));
        if (d == null) {
          send(ex, 404, "{\"error\":\"no such device\"}");
          return;
        }
        d.state = Integer.parseInt(q.getOrDefault("state", "1"));
      }
      case "/sim/port" -> {
        SimulatedSite.SimDevice d = site == null ? null : site.device(q.getOrDefault("mac", ""));
        int port = Integer.parseInt(q.getOrDefault("port", "0"));
        if (d == null || port < 1 || port > d.portCount) {
          send(ex, 404, "{\"error\":\"no such port\"}");
          return;
        }
        d.portUp[port - 1] = Boolean.parseBoolean(q.getOrDefault("up", "true"));
        d.portSpeeds[port - 1] = Integer.parseInt(q.getOrDefault("speed", "1000"));
      }
      case "/sim/wan" -> {
        if (site == null) {
          send(ex, 404, "{\"error\":\"no such site\"}");
          return;
        }
        site.wanStatus = q.getOrDefault("status", "ok");
      }
      default -> {
        send(ex, 404, "{\"error\":\"unknown control\"}");
        return;
      }
    }
    send(ex, 200, "{\"ok\":true}");
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return out;
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    send(ex, status, "application/json; charset=utf-8", body);
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
