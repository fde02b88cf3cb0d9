package io.github.homelabha.adguard.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.homelabha.adguard.drift.ConfigItems;
import io.github.homelabha.core.testkit.Mutations;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded truncations and byte flips of every sample answer: each parser either reads the mutant or
 * fails with {@link AdGuardParseException}, never with anything else.
 */
class ParserFuzzTest {
  /** A parser of one answer. */
  @FunctionalInterface
  interface Parser {
    void parse(byte[] body) throws AdGuardParseException;
  }

  private static Parser parserFor(String sample) {
    return switch (sample) {
      case "status.json" -> ServerStatus::parse;
      case "stats.json" -> Stats::parse;
      case "querylog.json" -> QueryLogPage::parse;
      case "filtering-status.json" ->
          b -> {
            JsonNode n = Json.parse(b, "f");
            FilteringStatus.parse(n);
            ConfigItems.userRules(n);
            ConfigItems.filterLists(n);
          };
      case "dhcp-status.json" ->
          b -> {
            JsonNode n = Json.parse(b, "d");
            DhcpStatus.parse(n);
            ConfigItems.dhcp(n);
          };
      case "clients.json" -> b -> ConfigItems.clients(Json.parse(b, "c"));
      case "rewrite-list.json" -> b -> ConfigItems.rewrites(Json.parse(b, "r"));
      case "dns-info.json" -> b -> ConfigItems.upstreamDns(Json.parse(b, "d"));
      case "blocked-services.json" -> b -> ConfigItems.blockedServices(Json.parse(b, "b"));
      default -> throw new IllegalArgumentException(sample);
    };
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "status.json",
        "stats.json",
        "querylog.json",
        "filtering-status.json",
        "dhcp-status.json",
        "clients.json",
        "rewrite-list.json",
        "dns-info.json",
        "blocked-services.json"
      })
  void mutantsFailOnlyWithOurParseException(String sample) throws Exception {
    byte[] original = Answers.read(sample);
    Parser parser = parserFor(sample);
    parser.parse(original); // the sample itself is valid
    List<byte[]> mutants = Mutations.of(original, sample.hashCode(), 400);
    int rejected = 0;
    for (byte[] m : mutants) {
      try {
        parser.parse(m);
      } catch (AdGuardParseException e) {
        rejected++;
      } catch (RuntimeException e) {
        throw new AssertionError(
            sample
                + " mutant failed with "
                + e
                + ": "
                + new String(m, java.nio.charset.StandardCharsets.UTF_8),
            e);
      }
    }
    assertThat(rejected).as("mutants rejected").isPositive();
  }
}
