package io.github.homelabha.drill.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import io.github.homelabha.core.config.ConfigLoader;
import io.github.homelabha.core.secrets.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrillConfigTest {
  @TempDir Path tmp;

  static final String VALID =
      """
      name: dns-pair
      probe_interval: 200ms
      nodes:
        - name: pi-a
          keepalived_exporter: http://pi-a.lan:9165/metrics
          fail: [ssh, pi-a, sudo, touch, /run/drill-fail]
          restore: [ssh, pi-a, sudo, rm, /run/drill-fail]
        - name: pi-b
          keepalived_exporter: http://pi-b.lan:9165/metrics
          fail: [systemctl, stop, traefik]
          restore: [systemctl, start, traefik]
      services:
        - name: web
          max_interruption: 5s
          http: {url: 'http://192.168.1.10/', expect_status: 200, expect_body: ok}
        - name: ssh
          max_interruption: 3s
          tcp: {address: '192.168.1.10:22'}
        - name: dns
          max_interruption: 2s
          dns: {server: '192.168.1.10:53', query: pi-a.lan, expect: 192.168.1.11}
      pushgateway: {url: 'http://prometheus.lan:9091'}
      textfile: /var/lib/node_exporter/textfile/drill.prom
      """;

  private DrillConfig load(String yaml, Map<String, Object> overrides) throws Exception {
    Path file = tmp.resolve("drill.yml");
    Files.writeString(file, yaml);
    return new ConfigLoader(new Redactor()).load(DrillConfig.class, file, overrides);
  }

  @Test
  void readsEveryKeyWithDefaults() throws Exception {
    DrillConfig c = load(VALID, Map.of());
    assertThat(c.name).isEqualTo("dns-pair");
    assertThat(c.probeInterval).isEqualTo(Duration.ofMillis(200));
    assertThat(c.probeTimeout).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.settle).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.timeout).isEqualTo(Duration.ofSeconds(120));
    assertThat(c.restore).isTrue();
    assertThat(c.instance).isNull();
    assertThat(c.nodes.get(0).fail)
        .containsExactly("ssh", "pi-a", "sudo", "touch", "/run/drill-fail");
    assertThat(c.services.get(2).dns.type).isEqualTo("A");
    assertThat(c.services.get(0).http.expectStatus).isEqualTo(200);
    assertThat(c.pushgateway.url).isEqualTo("http://prometheus.lan:9091");
    assertThat(c.textfile).hasFileName("drill.prom");
  }

  @Test
  void theFlagOverridesThePushgatewayKey() throws Exception {
    DrillConfig c = load(VALID, Map.of("pushgateway.url", "http://127.0.0.1:19091"));
    assertThat(c.pushgateway.url).isEqualTo("http://127.0.0.1:19091");
  }

  @Test
  void everyProblemIsListedWithItsKeyPath() {
    String bad =
        """
        probe_interval: soon
        settle: 5s
        timeout: 10s
        nodes:
          - name: a
            keepalived_exporter: not a url
            fail: []
            restore: [x]
            colour: red
          - name: a
            keepalived_exporter: http://b/metrics
            fail: [x]
        services:
          - name: web
            http: {url: 'http://x/'}
            tcp: {address: 'x:1'}
          - name: dns
            max_interruption: 1s
            dns: {server: 'x:99999', query: 'bad..name', type: NOPE}
        """;
    assertThatThrownBy(() -> load(bad, Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .satisfies(
            e -> {
              String all = String.join("\n", ((InvalidConfigException) e).problems());
              assertThat(all).contains("probe_interval:", "nodes[0].colour: unknown key");
            });
    String semantic = bad.replace("probe_interval: soon\n", "").replace("    colour: red\n", "");
    assertThatThrownBy(() -> load(semantic, Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .satisfies(
            e ->
                assertThat(((InvalidConfigException) e).problems())
                    .anyMatch(p -> p.startsWith("name: required"))
                    .anyMatch(p -> p.startsWith("timeout: must be at least 3"))
                    .anyMatch(p -> p.startsWith("nodes[0].keepalived_exporter: not an http"))
                    .anyMatch(p -> p.startsWith("nodes[0].fail: required"))
                    .anyMatch(p -> p.startsWith("nodes[1].name: duplicate"))
                    .anyMatch(p -> p.startsWith("nodes[1].restore: required"))
                    .anyMatch(p -> p.startsWith("services[0]: needs exactly one of http, tcp, dns"))
                    .anyMatch(p -> p.startsWith("services[0].max_interruption: required"))
                    .anyMatch(p -> p.startsWith("services[1].dns.server:"))
                    .anyMatch(p -> p.startsWith("services[1].dns.query: not a valid DNS name"))
                    .anyMatch(p -> p.startsWith("services[1].dns.type: not a DNS record type")));
  }

  @Test
  void hostPortsAreParsedStrictly() {
    assertThat(HostPort.parse("10.0.0.1:53", 0)).isEqualTo(new HostPort("10.0.0.1", 53));
    assertThat(HostPort.parse("[::1]:5353", 0)).isEqualTo(new HostPort("::1", 5353));
    assertThat(HostPort.parse("dns.lan", 53)).isEqualTo(new HostPort("dns.lan", 53));
    assertThatThrownBy(() -> HostPort.parse("dns.lan", 0)).hasMessageContaining("no port");
    assertThatThrownBy(() -> HostPort.parse("::1:53", 0)).hasMessageContaining("IPv6");
    assertThatThrownBy(() -> HostPort.parse("x:0", 0)).hasMessageContaining("not a port");
    assertThatThrownBy(() -> HostPort.parse(":53", 0)).hasMessageContaining("no host");
  }
}
