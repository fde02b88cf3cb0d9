package io.github.homelabha.keepalived.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.homelabha.core.testkit.Mutations;
import io.github.homelabha.keepalived.Fixtures;
import io.github.homelabha.keepalived.fifo.NotifyLineParser;
import io.github.homelabha.keepalived.vip.AddressListParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Corrupted real dumps must fail with {@link DumpParseException} (or parse), never with another
 * exception, never hang, and never quote the VRRP password in the error.
 */
class ParserFuzzTest {
  private static final int CASES = 400;

  /** Pieces of keepalived's dump formats that mutants get inserted. */
  private static final String[] DUMP_TOKENS = {
    "  VRRP Instance = X\n", "   State = MASTER\n", "     1.2.3.4/99 dev x\n", "(", ")"
  };

  /** A parser under test. */
  interface Parser {
    Object parse(String s) throws Exception;
  }

  static Stream<String> jsonSamples() {
    return Stream.of("master", "backup", "fault", "script-failed-backup", "preempted-master")
        .map(n -> "2.2.7/" + n + ".json");
  }

  static Stream<String> dataSamples() {
    return Stream.of("master", "backup", "fault", "script-failed-backup")
        .map(n -> "2.2.7/" + n + ".data");
  }

  static Stream<String> statsSamples() {
    return Stream.of("2.2.7/master.stats", "2.2.7/backup.stats");
  }

  @ParameterizedTest
  @MethodSource("jsonSamples")
  void jsonParserFailsOnlyWithItsOwnException(String fixture) {
    fuzz(
        Fixtures.dump(fixture),
        fixture.hashCode(),
        JsonDumpParser::parse,
        DumpParseException.class);
  }

  @ParameterizedTest
  @MethodSource("dataSamples")
  void dataParserFailsOnlyWithItsOwnException(String fixture) {
    fuzz(
        Fixtures.dump(fixture),
        fixture.hashCode(),
        TextDataParser::parse,
        DumpParseException.class);
  }

  @Test
  void dataParserSurvivesTheReferenceLayouts() {
    if (Fixtures.referenceDir().isEmpty()) {
      return; // the recorded 2.2.7 samples above still run
    }
    for (String f :
        List.of(
            "v1.3.5.keepalived.data",
            "v2.0.10.keepalived.data",
            "v2.2.4.keepalived.data",
            "v2.2.7.keepalived.data")) {
      fuzz(Fixtures.reference(f), f.hashCode(), TextDataParser::parse, DumpParseException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("statsSamples")
  void statsParserFailsOnlyWithItsOwnException(String fixture) {
    fuzz(Fixtures.dump(fixture), fixture.hashCode(), StatsParser::parse, DumpParseException.class);
  }

  @Test
  void assemblerOfMutatedPairsFailsOnlyWithItsOwnException() {
    String data = Fixtures.dump("2.2.7/master.data");
    String json = Fixtures.dump("2.2.7/master.json");
    fuzz(
        json,
        7,
        s ->
            DumpAssembler.fromJson(
                JsonDumpParser.parse(s), java.util.Optional.of(TextDataParser.parse(data))),
        DumpParseException.class);
  }

  @Test
  void fifoLineParserNeverThrows() {
    String lines =
        "INSTANCE \"VI_DNS\" MASTER 150\nGROUP \"SG_DNS\" BACKUP 0\n"
            + "INSTANCE \"VI_DNS\" MASTER_PRIORITY 90\nINSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 100\n";
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          for (String m : Mutations.of(lines, 11, CASES)) {
            for (String line : m.split("\n", -1)) {
              NotifyLineParser.parse(line, 0); // Optional, never an exception
            }
          }
        });
  }

  @Test
  void addressListParserFailsOnlyWithItsOwnException() {
    String sample =
        "[{\"ifindex\":1,\"ifname\":\"lo\",\"addr_info\":[{\"family\":\"inet\",\"local\":\"127.0.0.1\","
            + "\"prefixlen\":8}]},{\"ifindex\":2,\"ifname\":\"eth0\",\"addr_info\":[{\"family\":"
            + "\"inet\",\"local\":\"192.0.2.100\",\"prefixlen\":24},{\"family\":\"inet6\",\"local\":"
            + "\"fd00:db8::100\",\"prefixlen\":64}]}]";
    fuzz(sample, 5, AddressListParser::parse, AddressListParser.AddressListException.class);
  }

  private static void fuzz(String sample, long seed, Parser parser, Class<?> allowed) {
    List<String> unexpected = new ArrayList<>();
    int[] failures = {0};
    // catches a parser that hangs on some input; generous, so a busy build machine passes too
    assertTimeoutPreemptively(
        Duration.ofSeconds(180),
        () -> {
          for (String input : Mutations.of(sample, seed, CASES, DUMP_TOKENS)) {
            try {
              parser.parse(input);
            } catch (Exception e) {
              if (!allowed.isInstance(e)) {
                unexpected.add(e.getClass().getName() + ": " + e.getMessage());
              } else {
                failures[0]++;
                assertThat(e.getMessage()).doesNotContain(Fixtures.TEST_PASSWORD);
              }
            } catch (StackOverflowError | AssertionError e) {
              unexpected.add(e.toString());
            }
          }
        });
    assertThat(unexpected).isEmpty();
    // the mutations must actually break the parser often, else they test nothing
    assertThat(failures[0]).isGreaterThan(10);
  }
}
