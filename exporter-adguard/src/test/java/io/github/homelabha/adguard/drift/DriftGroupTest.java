package io.github.homelabha.adguard.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.adguard.model.Answers;
import io.github.homelabha.adguard.model.Json;
import io.github.homelabha.core.testkit.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DriftGroupTest {
  private static SectionItems rules(String... rules) {
    Map<String, String> m = new java.util.TreeMap<>();
    for (String r : rules) {
      m.put("rule " + r, "");
    }
    return SectionItems.of(m);
  }

  @Test
  void equalSectionsAreInSyncAndADifferenceNamesItsItem() {
    MutableClock clock = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    DriftGroup g = new DriftGroup("dns", Set.of("a", "b"), Duration.ofMinutes(3), clock);
    g.record("a", Map.of(ConfigSection.USER_RULES, rules("||x^", "||y^")));
    g.record("b", Map.of(ConfigSection.USER_RULES, rules("||y^", "||x^")));
    assertThat(g.compare(ConfigSection.USER_RULES).inSync()).isTrue();
    g.record("b", Map.of(ConfigSection.USER_RULES, rules("||y^")));
    DriftGroup.Comparison c = g.compare(ConfigSection.USER_RULES);
    assertThat(c.comparable()).isTrue();
    assertThat(c.inSync()).isFalse();
    assertThat(c.differences())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.item()).isEqualTo("rule ||x^");
              assertThat(d.variants()).containsEntry("absent", java.util.List.of("b"));
            });
  }

  @Test
  void aMemberThatWasNotReadMakesTheComparisonUnknown() {
    MutableClock clock = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    DriftGroup g = new DriftGroup("dns", Set.of("a", "b"), Duration.ofMinutes(3), clock);
    g.record("a", Map.of(ConfigSection.USER_RULES, rules("||x^")));
    assertThat(g.compare(ConfigSection.USER_RULES).comparable()).isFalse();
    g.record("b", Map.of(ConfigSection.USER_RULES, rules("||x^")));
    clock.advance(Duration.ofMinutes(4));
    g.record("a", Map.of(ConfigSection.USER_RULES, rules("||x^")));
    assertThat(g.compare(ConfigSection.USER_RULES).comparable()).isFalse();
  }

  @Test
  void itemsNeverShowCredentialsAndIgnoreOrderAndState() throws Exception {
    SectionItems lists =
        ConfigItems.filterLists(Json.parse(Answers.read("filtering-status.json"), "f"));
    assertThat(lists.items().keySet())
        .contains("block list https://example.org/private-list.txt")
        .noneMatch(k -> k.contains("token"));
    SectionItems dns = ConfigItems.upstreamDns(Json.parse(Answers.read("dns-info.json"), "d"));
    assertThat(dns.items()).doesNotContainKey("setting protection_enabled");
    SectionItems reordered =
        ConfigItems.upstreamDns(
            Json.parse(
                new String(Answers.read("dns-info.json"), java.nio.charset.StandardCharsets.UTF_8)
                    .replace(
                        "[\"https://dns.quad9.net/dns-query\",\"tls://1.1.1.1\"]",
                        "[\"tls://1.1.1.1\",\"https://dns.quad9.net/dns-query\"]")
                    .replace("\"protection_enabled\":true", "\"protection_enabled\":false")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "d"));
    assertThat(reordered.fingerprint()).isEqualTo(dns.fingerprint());
    assertThat(dns.fingerprint()).isBetween(0.0, Math.pow(2, 48));
  }
}
