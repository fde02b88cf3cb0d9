package io.github.homelabha.keepalived.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.testkit.GoldenExposition;
import io.github.homelabha.core.testkit.RecordingWriter;
import io.github.homelabha.keepalived.Fixtures;
import io.github.homelabha.keepalived.dump.DumpAssembler;
import io.github.homelabha.keepalived.dump.JsonDumpParser;
import io.github.homelabha.keepalived.dump.KeepalivedDump;
import io.github.homelabha.keepalived.dump.StatsParser;
import io.github.homelabha.keepalived.dump.TextDataParser;
import io.github.homelabha.keepalived.vip.HostAddresses;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every series the exporter writes for each recorded keepalived 2.2.7 dump, compared line by line
 * with {@code src/test/resources/golden/} (see {@link GoldenExposition}).
 */
class GoldenExpositionTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final HostAddresses HOST =
      new HostAddresses(Set.of("eth0 192.0.2.100", "eth0 192.0.2.150"));

  static Stream<Arguments> rounds() {
    return Stream.of(
        Arguments.of("master", "json", false),
        Arguments.of("backup", "json", false),
        Arguments.of("fault", "json", false),
        Arguments.of("script-failed-backup", "json", false),
        Arguments.of("preempted-master", "json", false),
        Arguments.of("master", "text", false),
        Arguments.of("script-failed-backup", "text", true));
  }

  @ParameterizedTest(name = "{0} from the {1} dumps, state label {2}")
  @MethodSource("rounds")
  void matchesTheRecordedExposition(String fixture, String format, boolean stateLabel)
      throws Exception {
    KeepalivedDump dump = dump(fixture, format);
    RecordingWriter out = new RecordingWriter(KeepalivedMetrics.all());
    new DumpCollectors(stateLabel).write(dump, Optional.of(HOST), out);

    String actual = GoldenExposition.render(out, KeepalivedMetrics.all());
    Path golden =
        GOLDEN.resolve(fixture + "." + format + (stateLabel ? ".state-label" : "") + ".txt");
    GoldenExposition.assertMatches(golden, actual);
    assertThat(actual).doesNotContain(Fixtures.TEST_PASSWORD);
  }

  private static KeepalivedDump dump(String fixture, String format) throws Exception {
    String base = "2.2.7/" + fixture;
    TextDataParser.TextData data = TextDataParser.parse(Fixtures.dump(base + ".data"));
    return format.equals("json")
        ? DumpAssembler.fromJson(
            JsonDumpParser.parse(Fixtures.dump(base + ".json")), Optional.of(data))
        : DumpAssembler.fromText(data, StatsParser.parse(Fixtures.dump(base + ".stats")));
  }
}
