package io.github.homelabha.keepalived.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.keepalived.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatsParserTest {

  @Test
  void readsStatsRecordedFromKeepalived227() throws Exception {
    Map<String, VrrpStats> stats = StatsParser.parse(Fixtures.dump("2.2.7/backup.stats"));

    assertThat(stats).containsOnlyKeys("VI_DNS", "VI_DNS6", "VI_NOVIP");
    VrrpStats dns = stats.get("VI_DNS");
    assertThat(dns.advertRcvd()).isEqualTo(4);
    assertThat(dns.advertSent()).isZero();
    assertThat(dns.becomeMaster()).isZero();
  }

  @Test
  void agreesWithTheJsonDumpOfTheSameRound() throws Exception {
    Map<String, VrrpStats> text = StatsParser.parse(Fixtures.dump("2.2.7/master.stats"));
    List<VrrpInstance> json = JsonDumpParser.parse(Fixtures.dump("2.2.7/master.json"));

    for (VrrpInstance i : json) {
      assertThat(Optional.of(text.get(i.name()))).isEqualTo(i.stats());
    }
  }

  @Test
  void textDataPlusStatsGiveTheSameInstancesAsJson() throws Exception {
    KeepalivedDump fromText =
        DumpAssembler.fromText(
            TextDataParser.parse(Fixtures.dump("2.2.7/master.data")),
            StatsParser.parse(Fixtures.dump("2.2.7/master.stats")));
    List<VrrpInstance> json = JsonDumpParser.parse(Fixtures.dump("2.2.7/master.json"));

    assertThat(fromText.instances()).hasSameSizeAs(json);
    for (int k = 0; k < json.size(); k++) {
      VrrpInstance t = fromText.instances().get(k);
      VrrpInstance j = json.get(k);
      assertThat(t.name()).isEqualTo(j.name());
      assertThat(t.state()).isEqualTo(j.state());
      assertThat(t.vrid()).isEqualTo(j.vrid());
      assertThat(t.effectivePriority()).isEqualTo(j.effectivePriority());
      assertThat(t.vips()).isEqualTo(j.vips());
      assertThat(t.stats()).isEqualTo(j.stats());
    }
  }

  @Test
  void rejectsNonNumbersAndOrphanLines() {
    assertThatThrownBy(() -> StatsParser.parse("  Became master: 1\n"))
        .isInstanceOf(DumpParseException.class);
    assertThatThrownBy(() -> StatsParser.parse("VRRP Instance: A\n  Became master: x\n"))
        .isInstanceOf(DumpParseException.class);
    assertThatThrownBy(() -> StatsParser.parse("Garbage\n")).isInstanceOf(DumpParseException.class);
  }

  @Test
  void mismatchedDataAndStatsAreAnError() throws Exception {
    TextDataParser.TextData data = TextDataParser.parse(Fixtures.dump("2.2.7/master.data"));

    assertThatThrownBy(() -> DumpAssembler.fromText(data, Map.of()))
        .isInstanceOf(DumpParseException.class)
        .hasMessageContaining("not in the stats dump");
  }
}
