package io.github.homelabha.adguard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ParsersTest {
  @Test
  void statusReadsProtectionAndStartTime() throws Exception {
    ServerStatus s = ServerStatus.parse(Answers.read("status.json"));
    assertThat(s.protectionEnabled()).isTrue();
    assertThat(s.version()).isEqualTo("v0.107.57");
    assertThat(s.dnsAddresses()).hasSize(3);
    assertThat(s.startTimeMillis()).isEqualTo(1764990000123.5);
  }

  @Test
  void statusOfOlderReleasesLacksStartTimeAndDisabledDuration() throws Exception {
    ServerStatus s =
        ServerStatus.parse(
            "{\"version\":\"v0.107.20\",\"running\":true,\"protection_enabled\":false,\"dns_addresses\":null}"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(s.startTimeMillis()).isNaN();
    assertThat(s.protectionDisabledMillis()).isZero();
  }

  @Test
  void statsNameTheirWindowFromTheBuckets() throws Exception {
    Stats s = Stats.parse(Answers.read("stats.json"));
    assertThat(s.window()).isEqualTo("24h");
    assertThat(s.queries()).isEqualTo(4546);
    assertThat(s.topUpstreamsAvgTime().get(0).value()).isEqualTo(0.021);
  }

  @Test
  void queryLogEntriesKeepTheirExactTimeAndElapsedSeconds() throws Exception {
    QueryLogPage p = QueryLogPage.parse(Answers.read("querylog.json"));
    assertThat(p.entries()).hasSize(3);
    QueryLogEntry first = p.entries().get(0);
    assertThat(first.time()).isEqualTo(Instant.parse("2026-12-06T04:01:02.123456789Z"));
    assertThat(first.elapsedSeconds()).isEqualTo(0.023418871);
    assertThat(first.upstream()).startsWith("https://dns.quad9.net");
    assertThat(p.entries().get(2).cached()).isTrue();
    assertThat(p.entries().stream().map(QueryLogEntry::identity).distinct()).hasSize(3);
  }

  @Test
  void emptyListsMayBeNull() throws Exception {
    FilteringStatus f =
        FilteringStatus.parse(Json.parse(Answers.read("filtering-status.json"), "f"));
    assertThat(f.allowLists()).isEmpty();
    assertThat(f.blockLists()).hasSize(2);
    assertThat(f.blockLists().get(1).lastUpdated()).isEmpty();
    DhcpStatus d = DhcpStatus.parse(Json.parse(Answers.read("dhcp-status.json"), "d"));
    assertThat(d.staticLeases()).isZero();
    assertThat(d.dynamicLeases()).isEqualTo(1);
  }

  @Test
  void wrongTypesAreParseErrorsNamingTheField() {
    assertThatThrownBy(
            () ->
                ServerStatus.parse(
                    "{\"running\":\"yes\",\"protection_enabled\":true}"
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AdGuardParseException.class)
        .hasMessageContaining("running");
    assertThatThrownBy(() -> Stats.parse("[]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AdGuardParseException.class);
    assertThatThrownBy(
            () ->
                QueryLogPage.parse(
                    "{\"data\":[{\"time\":\"noon\"}]}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AdGuardParseException.class)
        .hasMessageContaining("time");
  }
}
