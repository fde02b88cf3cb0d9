package io.github.homelabha.adguard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Routes {@code /control/...} (the AdGuard Home API) and {@code /simulator/...} (the knobs). */
final class SimulatorHttpHandler implements HttpHandler {
  private static final int MAX_REQUEST_BYTES = 64 * 1024;
  private static final int QUERYLOG_MAX_LIMIT = 5000;

  private final AdGuardSimulator sim;

  SimulatorHttpHandler(AdGuardSimulator sim) {
    this.sim = sim;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (path.startsWith("/simulator/")) {
        knob(ex, path.substring("/simulator/".length()));
      } else if (path.startsWith("/control/")) {
        api(ex, path.substring("/control/".length()));
      } else {
        send(ex, 404, "text/plain", "404 page not found\n");
      }
    } catch (RuntimeException e) {
      send(ex, 500, "text/plain", "simulator error: " + e + "\n");
    }
  }

  private void api(HttpExchange ex, String route) throws IOException {
    String client = ex.getRemoteAddress().getAddress().getHostAddress();
    Authenticator auth = sim.authenticator();
    if (route.equals("login")) {
      login(ex, client);
      return;
    }
    Authenticator.Verdict verdict =
        auth.check(
            client,
            ex.getRequestHeaders().getFirst("Authorization"),
            ex.getRequestHeaders().getFirst("Cookie"));
    switch (verdict) {
      case UNAUTHORIZED -> {
        send(ex, 401, "text/plain", "");
        return;
      }
      case FORBIDDEN -> {
        send(ex, 403, "text/plain", "Forbidden\n");
        return;
      }
      case LOCKED -> {
        ex.getResponseHeaders().set("Retry-After", Long.toString(auth.lockSecondsLeft(client)));
        send(ex, 429, "text/plain", "auth: blocked for " + auth.lockSecondsLeft(client) + "s\n");
        return;
      }
      case OK -> {}
    }
    Object body = route(ex, route);
    if (body == null) {
      return;
    }
    applyFaultAndSend(ex, body);
  }

  /** The answer for one API route, or null when the route already answered. */
  private Object route(HttpExchange ex, String route) throws IOException {
    String method = ex.getRequestMethod();
    SimulatedConfig config = sim.config();
    switch (route) {
      case "status" -> {
        if (!method.equals("GET")) {
          return methodNotAllowed(ex);
        }
        return status();
      }
      case "dns_info" -> {
        return method.equals("GET") ? config.dnsInfo() : methodNotAllowed(ex);
      }
      case "stats" -> {
        return method.equals("GET") ? sim.statistics().toJson() : methodNotAllowed(ex);
      }
      case "querylog" -> {
        return method.equals("GET") ? queryLog(ex) : methodNotAllowed(ex);
      }
      case "dhcp/status" -> {
        return method.equals("GET") ? config.dhcpStatus() : methodNotAllowed(ex);
      }
      case "filtering/status" -> {
        return method.equals("GET") ? config.filteringStatus() : methodNotAllowed(ex);
      }
      case "safebrowsing/status" -> {
        return method.equals("GET") ? Map.of("enabled", true) : methodNotAllowed(ex);
      }
      case "parental/status" -> {
        return method.equals("GET") ? Map.of("enabled", false) : methodNotAllowed(ex);
      }
      case "safesearch/status" -> {
        return method.equals("GET") ? safeSearch() : methodNotAllowed(ex);
      }
      case "clients" -> {
        return method.equals("GET") ? config.clients() : methodNotAllowed(ex);
      }
      case "rewrite/list" -> {
        return method.equals("GET") ? config.rewrites() : methodNotAllowed(ex);
      }
      case "blocked_services/get" -> {
        return method.equals("GET") ? config.blockedServices() : methodNotAllowed(ex);
      }
      case "protection" -> {
        if (!method.equals("POST")) {
          return methodNotAllowed(ex);
        }
        JsonNode req = readJson(ex);
        if (req == null || !req.path("enabled").isBoolean()) {
          send(ex, 400, "text/plain", "json: missing \"enabled\"\n");
          return null;
        }
        sim.setProtection(req.get("enabled").asBoolean(), req.path("duration").asLong(0));
        send(ex, 200, "text/plain", "");
        return null;
      }
      case "querylog_clear" -> {
        if (!method.equals("POST")) {
          return methodNotAllowed(ex);
        }
        sim.clearQueryLog();
        send(ex, 200, "text/plain", "");
        return null;
      }
      case "logout" -> {
        sim.authenticator().logout(ex.getRequestHeaders().getFirst("Cookie"));
        ex.getResponseHeaders().set("Location", "/login.html");
        send(ex, 302, "text/plain", "");
        return null;
      }
      default -> {
        send(ex, 404, "text/plain", "404 page not found\n");
        return null;
      }
    }
  }

  private Map<String, Object> status() {
    SimulatedConfig config = sim.config();
    SimulatorOptions o = sim.options();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", o.versionString);
    m.put("language", "en");
    m.put("dns_addresses", List.of("127.0.0.1", "::1"));
    m.put("dns_port", 53);
    m.put("http_port", sim.port());
    m.put("protection_enabled", config.protectionEnabled());
    m.put("protection_disabled_duration", config.protectionDisabledMillis());
    m.put("dhcp_available", true);
    m.put("running", true);
    m.put("start_time", (double) sim.startTime().toEpochMilli());
    return m;
  }

  private static Map<String, Object> safeSearch() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enabled", false);
    for (String engine :
        List.of("bing", "duckduckgo", "ecosia", "google", "pixabay", "yandex", "youtube")) {
      m.put(engine, true);
    }
    return m;
  }

  private Object queryLog(HttpExchange ex) throws IOException {
    Map<String, String> q = query(ex);
    Instant olderThan = null;
    int limit = 500;
    try {
      String ot = q.get("older_than");
      if (ot != null && !ot.isEmpty()) {
        olderThan = QueryLogJson.parseTime(ot);
      }
      if (q.containsKey("limit")) {
        limit = Integer.parseInt(q.get("limit"));
      }
    } catch (DateTimeParseException | NumberFormatException e) {
      send(ex, 400, "text/plain", "parsing params: " + e.getMessage() + "\n");
      return null;
    }
    if (limit <= 0 || limit > QUERYLOG_MAX_LIMIT) {
      send(ex, 400, "text/plain", "parsing params: limit out of range\n");
      return null;
    }
    return QueryLogJson.page(sim.queryLog().page(olderThan, limit), sim.options().zoneOffset());
  }

  private void login(HttpExchange ex, String client) throws IOException {
    if (!ex.getRequestMethod().equals("POST")) {
      methodNotAllowed(ex);
      return;
    }
    Authenticator auth = sim.authenticator();
    if (auth.isLocked(client)) {
      ex.getResponseHeaders().set("Retry-After", Long.toString(auth.lockSecondsLeft(client)));
      send(ex, 429, "text/plain", "auth: blocked for " + auth.lockSecondsLeft(client) + "s\n");
      return;
    }
    JsonNode req = readJson(ex);
    if (req == null) {
      send(ex, 400, "text/plain", "json decode: invalid body\n");
      return;
    }
    String session =
        auth.login(client, req.path("name").asText(""), req.path("password").asText(""));
    if (session == null) {
      send(ex, 403, "text/plain", "invalid username or password\n");
      return;
    }
    ex.getResponseHeaders()
        .add(
            "Set-Cookie",
            Authenticator.COOKIE
                + "="
                + session
                + "; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax");
    send(ex, 200, "text/plain", "");
  }

  private void applyFaultAndSend(HttpExchange ex, Object body) throws IOException {
    byte[] json = AdGuardSimulator.json().writeValueAsBytes(body);
    switch (sim.fault()) {
      case NONE -> send(ex, 200, "application/json", json);
      case SLOW -> {
        try {
          Thread.sleep(sim.slowDelay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        send(ex, 200, "application/json", json);
      }
      case GARBAGE ->
          send(
              ex, 200, "application/json", "<html><body>502 Bad Gateway</body></html>\u0000\u00ff");
      case TRUNCATED ->
          send(ex, 200, "application/json", java.util.Arrays.copyOf(json, json.length / 2));
      case SERVER_ERROR -> send(ex, 500, "text/plain", "internal error\n");
    }
  }

  private void knob(HttpExchange ex, String route) throws IOException {
    Map<String, String> q = query(ex);
    if (route.equals("counters")) {
      send(ex, 200, "application/json", AdGuardSimulator.json().writeValueAsBytes(sim.counters()));
      return;
    }
    if (!ex.getRequestMethod().equals("POST")) {
      methodNotAllowed(ex);
      return;
    }
    try {
      switch (route) {
        case "queries" -> sim.writeQueries(Integer.parseInt(q.getOrDefault("count", "1")));
        case "querylog/clear" -> sim.clearQueryLog();
        case "querylog/rotate" -> sim.rotateQueryLog();
        case "restart" -> sim.restart(Durations.parse(q.getOrDefault("downtime", "1s")));
        case "fault" ->
            sim.setFault(
                Fault.valueOf(q.getOrDefault("mode", "none").toUpperCase()),
                q.containsKey("delay") ? Durations.parse(q.get("delay")) : null);
        case "drift" -> sim.setDrift(Boolean.parseBoolean(q.getOrDefault("enabled", "true")));
        case "protection" ->
            sim.setProtection(
                Boolean.parseBoolean(q.getOrDefault("enabled", "true")),
                Long.parseLong(q.getOrDefault("duration_ms", "0")));
        case "filters/updated" ->
            sim.setFilterListsUpdated(
                sim.clock().instant().minus(Durations.parse(q.getOrDefault("age", "0s"))));
        case "upstream/servfail" ->
            sim.setUpstreamServfailRatio(Double.parseDouble(q.getOrDefault("ratio", "0.01")));
        case "auth/unlock" -> sim.unlockLogins();
        case "auth/drop-sessions" -> sim.dropSessions();
        default -> {
          send(ex, 404, "text/plain", "unknown knob: " + route + "\n");
          return;
        }
      }
    } catch (IllegalArgumentException e) {
      send(ex, 400, "text/plain", e.getMessage() + "\n");
      return;
    }
    send(ex, 200, "application/json", AdGuardSimulator.json().writeValueAsBytes(sim.counters()));
  }

  private static Object methodNotAllowed(HttpExchange ex) throws IOException {
    send(ex, 405, "text/plain", "405 method not allowed\n");
    return null;
  }

  private static JsonNode readJson(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_REQUEST_BYTES);
      return AdGuardSimulator.json().readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }

  private static Map<String, String> query(HttpExchange ex) {
    Map<String, String> out = new HashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    if (body.length == 0) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
