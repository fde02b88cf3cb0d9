package io.github.homelabha.drill.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushgatewayClientTest {
  @StartStop final MockWebServer server = new MockWebServer();
  @TempDir Path tmp;

  @Test
  void putsTheGroupOfJobAndDrill() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    byte[] body = "drill_success 1\n".getBytes(StandardCharsets.UTF_8);
    new PushgatewayClient(server.url("/"), Duration.ofSeconds(5)).push("dns-pair", body);
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("PUT");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/metrics/job/failover_drill/drill/dns-pair");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("text/plain; version=0.0.4");
    assertThat(r.getBody().utf8()).isEqualTo("drill_success 1\n");
  }

  @Test
  void namesWithSpecialCharactersUseTheBase64Form() {
    var client = new PushgatewayClient(server.url("/prefix/"), Duration.ofSeconds(5));
    assertThat(client.groupUrl("a/b c").encodedPath())
        .isEqualTo("/prefix/metrics/job/failover_drill/drill@base64/YS9iIGM=");
  }

  @Test
  void anErrorAnswerIsReported() {
    server.enqueue(new MockResponse.Builder().code(400).body("bad metric").build());
    assertThatThrownBy(
            () ->
                new PushgatewayClient(server.url("/"), Duration.ofSeconds(5))
                    .push("x", new byte[0]))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("HTTP 400: bad metric");
  }

  @Test
  void theTextfileIsReplacedWhole() throws Exception {
    Path file = tmp.resolve("drill.prom");
    Files.writeString(file, "old\n");
    TextfileWriter.write(file, "drill_success 1\n".getBytes(StandardCharsets.UTF_8));
    assertThat(file).hasContent("drill_success 1");
    try (var listing = Files.list(tmp)) {
      assertThat(listing).containsExactly(file);
    }
  }
}
