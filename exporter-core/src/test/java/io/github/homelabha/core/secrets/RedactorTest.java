package io.github.homelabha.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor redactor = new Redactor();

  @Test
  void masksRegisteredSecretsLongestFirst() {
    redactor.register("hunter2");
    redactor.register("hunter2-and-more");
    assertThat(redactor.redact("a hunter2-and-more b hunter2")).isEqualTo("a <secret> b <secret>");
  }

  @Test
  void masksTheUserInfoOfAnyUrlRegisteredOrNot() {
    assertThat(redactor.redact("GET https://bob:s3cret@nas.lan:8443/x failed"))
        .isEqualTo("GET https://<secret>@nas.lan:8443/x failed");
    assertThat(redactor.redact("sftp://token@host/ and http://a:b@c/"))
        .isEqualTo("sftp://<secret>@host/ and http://<secret>@c/");
    assertThat(redactor.redact("http://nas.lan/path?mail=a@b"))
        .isEqualTo("http://nas.lan/path?mail=a@b");
    assertThat(redactor.redact("no url: user@host")).isEqualTo("no url: user@host");
  }
}
