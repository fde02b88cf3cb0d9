package io.github.homelabha.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.homelabha.core.testkit.Mutations;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** What upstreams send is parsed with our own failure only: JSON answers and Retry-After. */
class UpstreamAnswerFuzzTest {
  private static final String SAMPLE =
      "{\"num_dns_queries\":12345,\"avg_processing_time\":0.0123,"
          + "\"top_queried_domains\":[{\"example.org\":42}],\"protection_enabled\":true,"
          + "\"version\":\"v0.107.79\",\"data\":null}";

  @Test
  void jsonAnswersFailOnlyAsParse() {
    int parsed = 0;
    int refused = 0;
    for (byte[] mutant : Mutations.of(SAMPLE.getBytes(StandardCharsets.UTF_8), 20261206L, 3000)) {
      UpstreamResponse answer = new UpstreamResponse(200, Headers.of(), mutant, "GET /x");
      try {
        answer.json();
        parsed++;
      } catch (UpstreamException e) {
        assertThat(e.upstreamReason()).isEqualTo(UpstreamReason.PARSE);
        refused++;
      }
    }
    assertThat(parsed).isPositive();
    assertThat(refused).isPositive();
  }

  @Test
  void retryAfterNeverThrows() {
    for (String mutant :
        Mutations.of("Sun, 06 Dec 2026 05:12:30 GMT", 7L, 2000, "120", "GMT", ",")) {
      assertThatCode(() -> RetryAfter.parse(mutant, Clock.systemUTC())).doesNotThrowAnyException();
    }
    for (String mutant : Mutations.of("120", 8L, 500, "0", "-1", "99999999999")) {
      RetryAfter.parse(mutant, Clock.systemUTC())
          .ifPresent(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ZERO));
    }
  }
}
