package io.github.homelabha.drill.probe;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.testkit.PortAllocator;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class HttpProbeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void passesOnTheExpectedStatusAndBody() {
    server.enqueue(new MockResponse.Builder().code(200).body("hello drill-ok").build());
    assertThatCode(() -> new HttpProbe(server.url("/").toString(), 200, "drill-ok").check(TIMEOUT))
        .doesNotThrowAnyException();
  }

  @Test
  void failsOnAnotherStatusOrBody() {
    server.enqueue(new MockResponse.Builder().code(503).body("down").build());
    assertThatThrownBy(() -> new HttpProbe(server.url("/").toString(), null, null).check(TIMEOUT))
        .isInstanceOf(ProbeFailedException.class)
        .hasMessage("HTTP 503");
    server.enqueue(new MockResponse.Builder().code(200).body("maintenance").build());
    assertThatThrownBy(
            () -> new HttpProbe(server.url("/").toString(), null, "drill-ok").check(TIMEOUT))
        .isInstanceOf(ProbeFailedException.class)
        .hasMessageContaining("expected text");
  }

  @Test
  void failsWhenNothingListens() {
    int port = PortAllocator.freeLoopbackPort();
    assertThatThrownBy(
            () -> new HttpProbe("http://127.0.0.1:" + port + "/", null, null).check(TIMEOUT))
        .isInstanceOf(ProbeFailedException.class);
    assertThatThrownBy(
            () ->
                new TcpProbe(new io.github.homelabha.drill.config.HostPort("127.0.0.1", port))
                    .check(TIMEOUT))
        .isInstanceOf(ProbeFailedException.class);
  }
}
