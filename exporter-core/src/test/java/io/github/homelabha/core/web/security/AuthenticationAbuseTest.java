package io.github.homelabha.core.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.github.homelabha.core.fixtures.FakeExporter;
import io.github.homelabha.core.testkit.HttpResult;
import io.github.homelabha.core.testkit.RunningExporter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong passwords and anonymous requests against a whole exporter, over real HTTP. */
class AuthenticationAbuseTest {
  private static final String PASSWORD = "scrape-me-please";
  private static final int FLOOD_CONNECTIONS = 20;

  /** The flood stops by itself after this long, whatever happens. */
  private static final Duration FLOOD_LIMIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private Path webConfig(String extra) throws IOException {
    // cost 10, as htpasswd -B writes it: ~100 ms per check on a Pi
    String hash = BCrypt.withDefaults().hashToString(10, PASSWORD.toCharArray());
    return Files.writeString(
        dir.resolve("web-config.yml"), "basic_auth_users:\n  prometheus: " + hash + "\n" + extra);
  }

  private static String[] auth(String password) {
    return new String[] {
      "Authorization", BasicAuthVerifierTest.basic("prometheus", password).toString()
    };
  }

  @Test
  void aWrongPasswordFloodDoesNotHoldUpACachedScrape() throws Exception {
    try (RunningExporter e =
        RunningExporter.start(new FakeExporter(), "--web.config.file=" + webConfig(""))) {
      assertThat(e.get("/metrics", auth(PASSWORD)).status()).isEqualTo(200); // now cached
      AtomicBoolean stop = new AtomicBoolean();
      Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
      long floodEnds = System.nanoTime() + FLOOD_LIMIT.toNanos();
      List<Thread> flood = new ArrayList<>();
      for (int i = 0; i < FLOOD_CONNECTIONS; i++) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest wrong =
            HttpRequest.newBuilder(URI.create(e.baseUrl() + "/metrics"))
                .header("Authorization", BasicAuthVerifierTest.basic("prometheus", "wrong" + i))
                .timeout(FLOOD_LIMIT)
                .build();
        Thread t =
            new Thread(
                () -> {
                  while (!stop.get() && System.nanoTime() < floodEnds) {
                    int code;
                    try {
                      code =
                          client.send(wrong, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException | InterruptedException ex) {
                      code = -1;
                    }
                    answers.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
                  }
                });
        t.setDaemon(true);
        t.start();
        flood.add(t);
      }
      try {
        await().until(() -> answers.values().stream().mapToLong(AtomicLong::get).sum() > 100);
        for (int i = 0; i < 5; i++) {
          HttpResult r = e.get("/metrics", auth(PASSWORD));
          assertThat(r.status()).isEqualTo(200);
          assertThat(r.body()).contains("fake_up 1");
        }
        assertThat(flood)
            .as("the valid scrapes finished while the flood was on")
            .allMatch(Thread::isAlive);
      } finally {
        stop.set(true);
        for (Thread t : flood) {
          t.join(FLOOD_LIMIT.toMillis());
        }
      }
      assertThat(answers.keySet()).containsOnly(401, 429);
      assertThat(answers.get(429).get()).as("most wrong passwords cost no bcrypt").isPositive();
    }
  }

  @Test
  void anonymousRequestsCannotUseUpTheRateLimit() throws Exception {
    Path config = webConfig("rate_limit:\n  interval: 1m\n  burst: 2\n");
    try (RunningExporter e =
        RunningExporter.start(new FakeExporter(), "--web.config.file=" + config)) {
      List<Integer> anonymous = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        anonymous.add(e.get("/metrics").status());
      }
      assertThat(anonymous.subList(0, 2)).containsOnly(401);
      assertThat(anonymous.subList(2, 10)).containsOnly(429);
      assertThat(e.get("/metrics", auth(PASSWORD)).status()).isEqualTo(200);
      assertThat(e.get("/metrics", auth(PASSWORD)).status()).isEqualTo(200);
      assertThat(e.get("/metrics", auth(PASSWORD)).status())
          .as("authenticated requests keep their own limit")
          .isEqualTo(429);
    }
  }
}
