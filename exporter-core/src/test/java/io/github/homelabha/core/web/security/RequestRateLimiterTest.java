package io.github.homelabha.core.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {
  @Test
  void allowsABurstThenOneRequestPerInterval() {
    AtomicLong now = new AtomicLong(1_000);
    RequestRateLimiter limiter = new RequestRateLimiter(Duration.ofSeconds(1), 3, now::get);

    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();

    now.addAndGet(Duration.ofMillis(999).toNanos());
    assertThat(limiter.tryAcquire()).isFalse();
    now.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();

    // a long pause refills no more than the burst
    now.addAndGet(Duration.ofHours(1).toNanos());
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire()).isTrue();
    }
    assertThat(limiter.tryAcquire()).isFalse();
  }
}
