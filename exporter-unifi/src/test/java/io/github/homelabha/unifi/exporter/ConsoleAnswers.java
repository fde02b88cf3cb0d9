package io.github.homelabha.unifi.exporter;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** A minimal UniFi OS console for a mock web server: login, session cookie and Network paths. */
final class ConsoleAnswers {
  private ConsoleAnswers() {}

  static MockResponse answer(RecordedRequest request, String token) {
    String path = request.getUrl().encodedPath();
    if (path.equals("/api/auth/login")) {
      return new MockResponse.Builder()
          .code(200)
          .addHeader("Set-Cookie", "TOKEN=" + token + "; Path=/; HttpOnly")
          .addHeader("X-CSRF-Token", "csrf-1")
          .body("{\"username\":\"prometheus\"}")
          .build();
    }
    if (path.equals("/api/auth/logout")) {
      return new MockResponse.Builder().code(200).body("{}").build();
    }
    String cookie = request.getHeaders().get("Cookie");
    if (cookie == null || !cookie.contains("TOKEN=" + token)) {
      return new MockResponse.Builder().code(401).body("{\"error\":{\"code\":401}}").build();
    }
    String data =
        switch (path) {
          case "/proxy/network/api/self/sites" ->
              "[{\"_id\":\"1\",\"name\":\"default\",\"desc\":\"Default\"}]";
          case "/proxy/network/api/s/default/stat/sysinfo" -> "[{\"version\":\"9.0.114\"}]";
          case "/proxy/network/api/s/default/stat/device" ->
              "[{\"mac\":\"aa:bb:cc:00:00:01\",\"name\":\"ap\",\"type\":\"uap\",\"state\":1,"
                  + "\"adopted\":true,\"system-stats\":{\"cpu\":\"3.5\",\"mem\":\"40.1\"}}]";
          case "/proxy/network/api/s/default/stat/sta" ->
              "[{\"mac\":\"02:00:00:00:00:01\",\"is_wired\":false,\"ap_mac\":\"aa:bb:cc:00:00:01\","
                  + "\"essid\":\"home\",\"radio\":\"na\",\"signal\":-60}]";
          case "/proxy/network/api/s/default/stat/health" ->
              "[{\"subsystem\":\"www\",\"status\":\"ok\",\"latency\":9}]";
          case "/proxy/network/api/s/default/list/alarm" -> "[]";
          default -> null;
        };
    if (data == null) {
      return new MockResponse.Builder()
          .code(404)
          .body("{\"meta\":{\"rc\":\"error\",\"msg\":\"api.err.NotFound\"},\"data\":[]}")
          .build();
    }
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body("{\"meta\":{\"rc\":\"ok\"},\"data\":" + data + "}")
        .build();
  }
}
