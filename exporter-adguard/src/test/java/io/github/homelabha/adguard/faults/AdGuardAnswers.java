package io.github.homelabha.adguard.faults;

import io.github.homelabha.adguard.model.Answers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A healthy AdGuard Home as the fault suite's fake upstream: the login sets the session cookie,
 * reads need that cookie or Basic credentials, and each {@code /control/} path a scrape reads
 * answers with our sample answer.
 */
public final class AdGuardAnswers {
  private AdGuardAnswers() {}

  public static MockResponse answer(RecordedRequest request, String session) {
    String path = request.getUrl().encodedPath();
    if (path.equals("/control/login") && "POST".equals(request.getMethod())) {
      return new MockResponse.Builder()
          .addHeader("Set-Cookie", session + "; Path=/; HttpOnly")
          .body("OK")
          .build();
    }
    if (path.equals("/control/logout")) {
      return new MockResponse.Builder().code(302).addHeader("Location", "/login.html").build();
    }
    if (!signedIn(request, session)) {
      return new MockResponse.Builder().code(401).body("unauthorized").build();
    }
    String sample =
        switch (path) {
          case "/control/status" -> "status.json";
          case "/control/stats" -> "stats.json";
          case "/control/filtering/status" -> "filtering-status.json";
          case "/control/dhcp/status" -> "dhcp-status.json";
          case "/control/dns_info" -> "dns-info.json";
          case "/control/clients" -> "clients.json";
          case "/control/rewrite/list" -> "rewrite-list.json";
          case "/control/blocked_services/get" -> "blocked-services.json";
          case "/control/querylog" -> "querylog.json";
          default -> null;
        };
    byte[] body;
    if (path.endsWith("/safebrowsing/status")
        || path.endsWith("/parental/status")
        || path.endsWith("/safesearch/status")) {
      body = "{\"enabled\":true}".getBytes(StandardCharsets.UTF_8);
    } else if (path.equals("/control/querylog")
        && request.getUrl().queryParameter("older_than") != null) {
      // the sample is the whole log: nothing older
      body = "{\"data\":[],\"oldest\":\"\"}".getBytes(StandardCharsets.UTF_8);
    } else if (sample != null) {
      body = Answers.read(sample);
    } else {
      return new MockResponse.Builder().code(404).body("not found").build();
    }
    return new MockResponse.Builder()
        .addHeader("Content-Type", "application/json")
        .body(new okio.Buffer().write(body))
        .build();
  }

  private static boolean signedIn(RecordedRequest request, String session) {
    String cookie = request.getHeaders().get("Cookie");
    if (cookie != null && cookie.contains(session)) {
      return true;
    }
    String authorization = request.getHeaders().get("Authorization");
    return authorization != null
        && authorization.startsWith("Basic ")
        && new String(
                Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8)
            .startsWith("prometheus:");
  }
}
