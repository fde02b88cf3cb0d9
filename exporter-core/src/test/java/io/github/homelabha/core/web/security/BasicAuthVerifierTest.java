package io.github.homelabha.core.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BasicAuthVerifierTest {
  // Written by libxcrypt (Python's crypt module on Debian), i.e. not by the library under test.
  private static final String SCRAPE_ME_2B =
      "$2b$10$2F1ILxxCNMsUsQkVaEYWPe3WuEQnSjQPDWVugoWeFamB4Aq5EBCtq";
  private static final String PI_PASS_2Y =
      "$2y$04$Vm3.tF3fppL2SLusPJp.ne9C8hM2UUKqYRRU6wkiiUu8HQ63BGFbi";
  private static final String PI_PASS_2A =
      "$2a$04$i4LrOg6iEr1VFwg/zWpoD.Sqm5BhxuxaI2WOgx/hL/yLwoy1aZEGy";

  private final BasicAuthVerifier verifier =
      BasicAuthVerifier.of(
          Map.of("prometheus", SCRAPE_ME_2B, "pi", PI_PASS_2Y, "legacy", PI_PASS_2A));

  @Test
  void acceptsTheRightPasswordForEveryHashVersion() {
    assertThat(verifier.verify(basic("prometheus", "scrape-me"), "client").accepted()).isTrue();
    assertThat(verifier.verify(basic("pi", "pi-pass"), "client").accepted()).isTrue();
    assertThat(verifier.verify(basic("legacy", "pi-pass"), "client").accepted()).isTrue();
  }

  @Test
  void refusesAWrongPasswordAndAnotherUsersPassword() {
    assertThat(verifier.verify(basic("prometheus", "scrape-you"), "client").accepted()).isFalse();
    assertThat(verifier.verify(basic("prometheus", "pi-pass"), "client").accepted()).isFalse();
    assertThat(verifier.verify(basic("prometheus", ""), "client").accepted()).isFalse();
  }

  @Test
  void anUnknownUserCostsOneComparisonAndFails() {
    long before = verifier.bcryptComparisons();
    assertThat(verifier.verify(basic("mallory", "scrape-me"), "client").accepted()).isFalse();
    assertThat(verifier.bcryptComparisons()).isEqualTo(before + 1);
  }

  @Test
  void malformedHeadersFailWithoutBcrypt() {
    for (String header :
        new String[] {
          null,
          "",
          "Basic",
          "Basic ",
          "Bearer " + Base64.getEncoder().encodeToString("prometheus:scrape-me".getBytes()),
          "Basic !!!notbase64",
          "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes()),
        }) {
      assertThat(verifier.verify(header, "client").accepted()).as(String.valueOf(header)).isFalse();
    }
    assertThat(verifier.bcryptComparisons()).isZero();
  }

  @Test
  void theSchemeIsCaseInsensitiveAndThePasswordMayContainColons() {
    BasicAuthVerifier colon =
        BasicAuthVerifier.of(
            Map.of("u", BCrypt.withDefaults().hashToString(4, "a:b:c".toCharArray())));
    assertThat(colon.verify(basic("u", "a:b:c").replace("Basic", "bAsIc"), "client").accepted())
        .isTrue();
    assertThat(colon.verify(basic("u", "a:b"), "client").accepted()).isFalse();
  }

  @Test
  void aSuccessfulCheckIsCachedAndAFailedOneIsNot() {
    assertThat(verifier.verify(basic("prometheus", "scrape-me"), "client").accepted()).isTrue();
    assertThat(verifier.bcryptComparisons()).isEqualTo(1);
    for (int i = 0; i < 5; i++) {
      assertThat(verifier.verify(basic("prometheus", "scrape-me"), "client").accepted()).isTrue();
    }
    assertThat(verifier.bcryptComparisons()).isEqualTo(1);

    assertThat(verifier.verify(basic("prometheus", "wrong"), "client").accepted()).isFalse();
    assertThat(verifier.verify(basic("prometheus", "wrong"), "client").accepted()).isFalse();
    assertThat(verifier.bcryptComparisons()).isEqualTo(3);
  }

  @Test
  void theCacheIsBounded() {
    // the cache holds successes only, so 101 users fill it one past its size
    Map<String, String> users = new java.util.HashMap<>();
    String hash = BCrypt.withDefaults().hashToString(4, "p".toCharArray());
    for (int i = 0; i <= 100; i++) {
      users.put("user" + i, hash);
    }
    BasicAuthVerifier bounded = BasicAuthVerifier.of(users);
    for (int i = 0; i <= 100; i++) {
      assertThat(bounded.verify(basic("user" + i, "p"), "client").accepted()).isTrue();
    }
    long afterFill = bounded.bcryptComparisons();
    assertThat(bounded.verify(basic("user100", "p"), "client").accepted()).isTrue();
    assertThat(bounded.bcryptComparisons()).isEqualTo(afterFill);
    assertThat(bounded.verify(basic("user0", "p"), "client").accepted()).isTrue();
    assertThat(bounded.bcryptComparisons()).as("user0 was evicted").isEqualTo(afterFill + 1);
  }

  @Test
  void tooLongPasswordsAreRefusedAfterOneComparison() {
    String seventyTwo = "x".repeat(72);
    BasicAuthVerifier longOne =
        BasicAuthVerifier.of(
            Map.of("u", BCrypt.withDefaults().hashToString(4, "x".repeat(71).toCharArray())));
    assertThat(longOne.verify(basic("u", "x".repeat(71)), "client").accepted()).isTrue();
    assertThat(longOne.verify(basic("u", seventyTwo), "client").accepted()).isFalse();
    assertThat(longOne.bcryptComparisons()).isEqualTo(2);
  }

  @Test
  void noUsersMeansNotRequiredAndNothingVerifies() {
    BasicAuthVerifier none = BasicAuthVerifier.of(Map.of());
    assertThat(none.required()).isFalse();
    assertThat(none.verify(basic("a", "b"), "client").accepted()).isFalse();
  }

  @Test
  void hashValidation() {
    assertThat(BasicAuthVerifier.isValidHash(SCRAPE_ME_2B)).isTrue();
    assertThat(BasicAuthVerifier.isValidHash(PI_PASS_2Y)).isTrue();
    assertThat(BasicAuthVerifier.isValidHash(PI_PASS_2A)).isTrue();
    assertThat(
            BasicAuthVerifier.isValidHash(
                "$2x$10$2F1ILxxCNMsUsQkVaEYWPe3WuEQnSjQPDWVugoWeFamB4Aq5EBCtq"))
        .isFalse();
    assertThat(
            BasicAuthVerifier.isValidHash(
                "$2b$03$2F1ILxxCNMsUsQkVaEYWPe3WuEQnSjQPDWVugoWeFamB4Aq5EBCtq"))
        .isFalse();
    assertThat(
            BasicAuthVerifier.isValidHash(
                "$2b$32$2F1ILxxCNMsUsQkVaEYWPe3WuEQnSjQPDWVugoWeFamB4Aq5EBCtq"))
        .isFalse();
    assertThat(BasicAuthVerifier.isValidHash(SCRAPE_ME_2B.substring(1))).isFalse();
    assertThat(BasicAuthVerifier.isValidHash(SCRAPE_ME_2B + "x")).isFalse();
    assertThat(BasicAuthVerifier.isValidHash("scrape-me")).isFalse();
    assertThatThrownBy(() -> BasicAuthVerifier.of(Map.of("u", "scrape-me")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("scrape-me");
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
