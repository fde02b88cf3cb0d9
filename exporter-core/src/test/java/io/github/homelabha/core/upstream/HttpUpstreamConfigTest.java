package io.github.homelabha.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import io.github.homelabha.core.config.ConfigLoader;
import io.github.homelabha.core.secrets.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The block as users write it: Prometheus' http_config names, secrets from files and variables. */
class HttpUpstreamConfigTest {
  @TempDir Path dir;

  /** An exporter configuration with a list of targets that each embed the block. */
  public static final class ExampleConfig {
    public List<ExampleTarget> targets = new ArrayList<>();
  }

  public static final class ExampleTarget extends HttpUpstreamConfig {
    public String name = "";
  }

  private ExampleConfig load(String yaml, Map<String, String> env) throws Exception {
    Path file = Files.writeString(dir.resolve("c.yml"), yaml);
    return new ConfigLoader(new Redactor(), env).load(ExampleConfig.class, file, Map.of());
  }

  @Test
  void bindsEveryKey() throws Exception {
    Path password = Files.writeString(dir.resolve("pw"), "from-file-pw\n");
    ExampleConfig c =
        load(
            """
            targets:
              - name: a
                url: https://192.168.1.2:3000/adguard
                timeout: 4s
                basic_auth:
                  username: prometheus
                  password_file: %s
                tls_config:
                  server_name: adguard.lan
                  pinned_sha256: %s
                proxy_url: http://proxy.lan:3128
                follow_redirects: false
                backoff:
                  auth: 10m
                  rate_limited: 1m
                  max: 2h
              - name: b
                url: https://unifi.local:8443
                api_key_env: UNIFI_KEY
                api_key_header: X-API-KEY
              - name: c
                url: http://127.0.0.1:8080
                authorization:
                  credentials: tok-1234
            """
                .formatted(password, "ab".repeat(32)),
            Map.of("UNIFI_KEY", "env-key-123"));
    ExampleTarget a = c.targets.get(0);
    assertThat(a.timeout).isEqualTo(Duration.ofSeconds(4));
    assertThat(a.basicAuth.password.value()).isEqualTo("from-file-pw");
    assertThat(a.tlsConfig.serverName).isEqualTo("adguard.lan");
    assertThat(a.backoff.auth).isEqualTo(Duration.ofMinutes(10));
    assertThat(a.followRedirects).isFalse();
    assertThat(c.targets.get(1).apiKey.value()).isEqualTo("env-key-123");
    assertThat(c.targets.get(2).authorization.type).isEqualTo("Bearer");
  }

  @Test
  void listsEveryProblemWithItsPath() {
    assertThatThrownBy(
            () ->
                load(
                    """
                    targets:
                      - name: a
                        url: ftp://x
                        timeout: 0s
                        basic_auth:
                          username: u
                          password: p
                        authorization:
                          credentials: t
                        tls_config:
                          pinned_sha256: nope
                          insecure_skip_verify: true
                          cert_file: /x
                        proxy_url: ftp://proxy
                      - name: b
                        url: https://user:pw@host
                        tls_config:
                          no_such_key: 1
                    """,
                    Map.of()))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.startsWith("targets[1].tls_config.no_such_key: unknown key")));
    assertThatThrownBy(
            () ->
                load(
                    """
                    targets:
                      - name: a
                        url: ftp://x
                        timeout: 0s
                        basic_auth:
                          username: u
                          password: p
                        authorization:
                          credentials: t
                        tls_config:
                          pinned_sha256: nope
                          insecure_skip_verify: true
                          cert_file: /x
                        proxy_url: ftp://proxy
                      - name: b
                        url: https://user:pw@host
                    """,
                    Map.of()))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(String.join("\n", e.problems()))
                    .contains("targets[0].url: must be an http(s) URL")
                    .contains("targets[0].timeout: must be positive")
                    .contains(
                        "targets[0]: set at most one of basic_auth, authorization and api_key")
                    .contains("targets[0].tls_config.pinned_sha256: not a SHA-256 fingerprint")
                    .contains("targets[0].tls_config.insecure_skip_verify: conflicts")
                    .contains("targets[0].tls_config.key_file: cert_file and key_file go together")
                    .contains("targets[0].proxy_url: must be http://host:port")
                    .contains("targets[1].url: must not hold credentials")
                    .doesNotContain("pw@"));
  }
}
