package io.github.homelabha.core.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PasswordCheckLimiterTest {
  private final AtomicLong now = new AtomicLong();
  private final PasswordCheckLimiter limiter = new PasswordCheckLimiter(now::get);

  @Test
  void aClientThatKeepsFailingIsThrottledAndOthersAreNot() {
    for (int i = 0; i < PasswordCheckLimiter.FAILURE_BURST; i++) {
      try (PasswordCheckLimiter.Slot slot = limiter.tryEnter("10.0.0.66")) {
        assertThat(slot).isNotNull();
        slot.failed();
      }
    }
    assertThat(limiter.tryEnter("10.0.0.66")).isNull();
    try (PasswordCheckLimiter.Slot other = limiter.tryEnter("10.0.0.1")) {
      assertThat(other).isNotNull();
    }
    now.addAndGet(PasswordCheckLimiter.FAILURE_REFILL_NANOS);
    try (PasswordCheckLimiter.Slot again = limiter.tryEnter("10.0.0.66")) {
      assertThat(again).as("one more attempt after the refill interval").isNotNull();
    }
  }

  @Test
  void checksBeyondTheRunningAndWaitingSlotsAreRefusedAtOnce() {
    // RUNNING slots are taken; a further entry would wait, so take only RUNNING and check that
    // the admission counts WAITING on top before refusing.
    PasswordCheckLimiter.Slot[] held = new PasswordCheckLimiter.Slot[PasswordCheckLimiter.RUNNING];
    for (int i = 0; i < held.length; i++) {
      held[i] = limiter.tryEnter("client-" + i);
      assertThat(held[i]).isNotNull();
    }
    Thread[] waiters = new Thread[PasswordCheckLimiter.WAITING];
    PasswordCheckLimiter.Slot[] waited = new PasswordCheckLimiter.Slot[waiters.length];
    for (int i = 0; i < waiters.length; i++) {
      int n = i;
      waiters[i] = new Thread(() -> waited[n] = limiter.tryEnter("waiter-" + n));
      waiters[i].start();
    }
    org.awaitility.Awaitility.await()
        .until(
            () -> {
              for (Thread t : waiters) {
                if (t.getState() != Thread.State.WAITING) {
                  return false;
                }
              }
              return true;
            });
    assertThat(limiter.tryEnter("one-too-many")).isNull();
    for (PasswordCheckLimiter.Slot s : held) {
      s.close();
    }
    for (int i = 0; i < waiters.length; i++) {
      try {
        waiters[i].join(10_000);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      assertThat(waited[i]).isNotNull();
      waited[i].close();
    }
    try (PasswordCheckLimiter.Slot free = limiter.tryEnter("later")) {
      assertThat(free).isNotNull();
    }
  }

  @Test
  void cachedCredentialsPassWhileTheirClientIsThrottled() {
    BasicAuthVerifier verifier =
        BasicAuthVerifier.of(
            Map.of("prometheus", BCrypt.withDefaults().hashToString(4, "right".toCharArray())));
    String client = "192.0.2.7";
    assertThat(verifier.verify(BasicAuthVerifierTest.basic("prometheus", "right"), client))
        .isEqualTo(BasicAuthVerifier.Verdict.ACCEPTED);
    for (int i = 0; i < PasswordCheckLimiter.FAILURE_BURST; i++) {
      assertThat(verifier.verify(BasicAuthVerifierTest.basic("prometheus", "wrong"), client))
          .isEqualTo(BasicAuthVerifier.Verdict.REJECTED);
    }
    long comparisons = verifier.bcryptComparisons();
    assertThat(verifier.verify(BasicAuthVerifierTest.basic("prometheus", "wrong"), client))
        .isEqualTo(BasicAuthVerifier.Verdict.THROTTLED);
    assertThat(verifier.verify(BasicAuthVerifierTest.basic("mallory", "x"), client))
        .isEqualTo(BasicAuthVerifier.Verdict.THROTTLED);
    assertThat(verifier.bcryptComparisons())
        .as("throttled checks cost no bcrypt")
        .isEqualTo(comparisons);
    assertThat(verifier.verify(BasicAuthVerifierTest.basic("prometheus", "right"), client))
        .isEqualTo(BasicAuthVerifier.Verdict.ACCEPTED);
  }
}
