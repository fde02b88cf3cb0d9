package io.github.homelabha.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A fake controller with cookie sessions and a CSRF token, as UniFi OS has them. */
class LoginSessionTest {
  private final SteppingClock clock = new SteppingClock();
  private final UpstreamHttp http = UpstreamHttp.standalone("test", clock);
  private final Controller controller = new Controller();
  private MockWebServer server;
  private LoginSession session;
  private volatile String configuredPassword = "right";

  /** Accepts password "right"; a session is a cookie plus the CSRF token handed out with it. */
  static final class Controller extends Dispatcher {
    final AtomicInteger logins = new AtomicInteger();
    final AtomicInteger logouts = new AtomicInteger();
    final AtomicInteger refusedLogins = new AtomicInteger();
    final AtomicReference<String> session = new AtomicReference<>();
    volatile String password = "right";

    @Override
    public MockResponse dispatch(RecordedRequest r) {
      String path = r.getUrl().encodedPath();
      if (path.equals("/api/auth/login")) {
        if (!r.getBody().utf8().contains("\"password\":\"" + password + "\"")) {
          refusedLogins.incrementAndGet();
          return new MockResponse.Builder().code(401).build();
        }
        String id = "s" + logins.incrementAndGet();
        session.set(id);
        return new MockResponse.Builder()
            .addHeader("Set-Cookie", "TOKEN=" + id + "; Path=/; HttpOnly")
            .addHeader("X-CSRF-Token", "csrf-" + id)
            .body("{}")
            .build();
      }
      String cookie = r.getHeaders().get("Cookie");
      String id = session.get();
      boolean valid =
          id != null
              && ("TOKEN=" + id).equals(cookie)
              && ("csrf-" + id).equals(r.getHeaders().get("X-CSRF-Token"));
      if (path.equals("/api/auth/logout")) {
        if (valid) {
          logouts.incrementAndGet();
          session.set(null);
        }
        return new MockResponse.Builder().body("{}").build();
      }
      if (!valid) {
        return new MockResponse.Builder().code(401).build();
      }
      return new MockResponse.Builder()
          .addHeader("X-Updated-CSRF-Token", "csrf-" + id)
          .body("{\"data\":[]}")
          .build();
    }
  }

  private final LoginFlow flow =
      new LoginFlow() {
        @Override
        public UpstreamRequest login() {
          return UpstreamRequest.postJson(
              "api/auth/login", "{\"username\":\"u\",\"password\":\"" + configuredPassword + "\"}");
        }

        @Override
        public Optional<UpstreamRequest> logout() {
          return Optional.of(UpstreamRequest.postJson("api/auth/logout", "{}"));
        }

        @Override
        public Optional<CsrfHeader> csrf() {
          return Optional.of(
              new CsrfHeader("X-CSRF-Token", List.of("X-Updated-CSRF-Token", "X-CSRF-Token")));
        }
      };

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(controller);
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    HttpUpstreamConfig c = new HttpUpstreamConfig();
    c.url = "http://127.0.0.1:" + server.getPort();
    c.timeout = Duration.ofSeconds(5);
    session = http.session(http.client("controller", c), flow);
  }

  @AfterEach
  void stop() {
    http.close();
    server.close();
  }

  private UpstreamResponse fetch() throws UpstreamException {
    return session.get(TestContext.of(Duration.ofSeconds(5)), "api/data");
  }

  @Test
  void logsInOnceForManyScrapes() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(fetch().text()).isEqualTo("{\"data\":[]}");
    }
    assertThat(controller.logins).hasValue(1);
    assertThat(session.logins()).isEqualTo(1);
  }

  @Test
  void logsInAgainOnceWhenTheSessionEnds() throws Exception {
    fetch();
    controller.session.set("expired-elsewhere");
    assertThat(fetch().status()).isEqualTo(200);
    assertThat(controller.logins).hasValue(2);
  }

  @Test
  void aRefusedLoginBacksOffInsteadOfTryingAgain() throws Exception {
    configuredPassword = "wrong";
    assertThatThrownBy(this::fetch).hasFieldOrPropertyWithValue("reason", "auth");
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(this::fetch).hasFieldOrPropertyWithValue("reason", "backoff");
    }
    assertThat(controller.refusedLogins).hasValue(1);

    configuredPassword = "right";
    clock.advance(Duration.ofMinutes(5));
    assertThat(fetch().status()).isEqualTo(200);
  }

  @Test
  void anAnswerThatStaysRefusedAfterReloginBacksOff() throws Exception {
    fetch();
    // The controller takes the login but refuses every request in it (e.g. a role without rights).
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            return r.getUrl().encodedPath().endsWith("login")
                ? new MockResponse.Builder().body("{}").build()
                : new MockResponse.Builder().code(401).build();
          }
        });
    assertThatThrownBy(this::fetch)
        .hasFieldOrPropertyWithValue("reason", "auth")
        .hasMessageContaining("right after a successful login");
    assertThatThrownBy(this::fetch).hasFieldOrPropertyWithValue("reason", "backoff");
  }

  @Test
  void logsOutAtClose() throws Exception {
    fetch();
    http.close();
    assertThat(controller.logouts).hasValue(1);
    assertThat(session.isLoggedIn()).isFalse();
  }
}
