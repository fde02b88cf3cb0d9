package io.github.homelabha.keepalived.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.keepalived.Fixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonDumpParserTest {

  @Test
  void readsMasterDumpRecordedFromKeepalived227() throws Exception {
    List<VrrpInstance> list = JsonDumpParser.parse(Fixtures.dump("2.2.7/master.json"));

    assertThat(list)
        .extracting(VrrpInstance::name)
        .containsExactly("VI_DNS", "VI_DNS6", "VI_NOVIP");
    VrrpInstance dns = list.get(0);
    assertThat(dns.state()).isEqualTo(VrrpState.MASTER);
    assertThat(dns.vrid()).isEqualTo(51);
    assertThat(dns.interfaceName()).isEqualTo("eth0");
    assertThat(dns.basePriority()).isEqualTo(150);
    assertThat(dns.effectivePriority()).contains(150);
    assertThat(dns.vips())
        .extracting(VirtualIp::address)
        .containsExactly("192.0.2.100", "192.0.2.101");
    assertThat(dns.excludedVips()).extracting(VirtualIp::address).containsExactly("192.0.2.150");
    assertThat(dns.vips().get(0).device()).contains("eth0");
    assertThat(dns.trackedScripts())
        .extracting(TrackedScriptRef::name)
        .containsExactly("'/tmp/karec/n1/ok.sh'");
    assertThat(dns.lastTransition()).hasValueSatisfying(t -> assertThat(t).isGreaterThan(1.7e9));
    assertThat(dns.stats()).map(VrrpStats::becomeMaster).contains(1L);
    assertThat(dns.stats()).map(VrrpStats::advertSent).contains(4L);
    assertThat(dns.garpDelay()).isEqualTo(5);
  }

  @Test
  void readsIpv6VipAndInstanceWithoutVips() throws Exception {
    List<VrrpInstance> list = JsonDumpParser.parse(Fixtures.dump("2.2.7/master.json"));

    assertThat(list.get(1).vips()).extracting(VirtualIp::address).containsExactly("fd00:db8::100");
    assertThat(list.get(1).vips().get(0).prefixLength()).contains(64);
    assertThat(list.get(2).vips()).isEmpty();
  }

  @Test
  void readsLoweredPriorityAfterTrackScriptFailure() throws Exception {
    VrrpInstance dns =
        JsonDumpParser.parse(Fixtures.dump("2.2.7/script-failed-backup.json")).get(0);

    assertThat(dns.state()).isEqualTo(VrrpState.BACKUP);
    assertThat(dns.basePriority()).isEqualTo(150);
    assertThat(dns.effectivePriority()).contains(90);
    assertThat(dns.masterPriority()).contains(100);
  }

  @Test
  void readsFaultState() throws Exception {
    assertThat(JsonDumpParser.parse(Fixtures.dump("2.2.7/fault.json")))
        .extracting(VrrpInstance::state)
        .containsOnly(VrrpState.FAULT);
  }

  @Test
  void neverKeepsThePassword() throws Exception {
    String json = Fixtures.dump("2.2.7/master.json");
    assertThat(json).contains(Fixtures.TEST_PASSWORD);

    assertThat(JsonDumpParser.parse(json).toString()).doesNotContain(Fixtures.TEST_PASSWORD);
  }

  @Test
  void errorsNeverQuoteTheInput() {
    String json = Fixtures.dump("2.2.7/master.json");
    String cut = json.substring(0, json.indexOf(Fixtures.TEST_PASSWORD) + 4);

    assertThatThrownBy(() -> JsonDumpParser.parse(cut))
        .isInstanceOf(DumpParseException.class)
        .hasMessageNotContaining("LEAK")
        .hasNoCause();
    String broken = json.replace("\"" + Fixtures.TEST_PASSWORD + "\"", Fixtures.TEST_PASSWORD);
    assertThatThrownBy(() -> JsonDumpParser.parse(broken))
        .isInstanceOf(DumpParseException.class)
        .hasMessageNotContaining(Fixtures.TEST_PASSWORD);
  }

  @Test
  void rejectsWrongShapes() {
    assertThatThrownBy(() -> JsonDumpParser.parse("{}")).isInstanceOf(DumpParseException.class);
    assertThatThrownBy(() -> JsonDumpParser.parse("")).isInstanceOf(DumpParseException.class);
    assertThatThrownBy(() -> JsonDumpParser.parse("[{\"data\":{\"iname\":\"x\"}}]"))
        .isInstanceOf(DumpParseException.class)
        .hasMessageContaining("state");
    assertThatThrownBy(
            () ->
                JsonDumpParser.parse(
                    "[{\"data\":{\"iname\":\"x\",\"state\":7,\"vrid\":1,\"base_priority\":1}}]"))
        .isInstanceOf(DumpParseException.class)
        .hasMessageContaining("out of range");
  }

  @Test
  void anEmptyArrayMeansNoInstances() throws Exception {
    assertThat(JsonDumpParser.parse("[]")).isEmpty();
    assertThat(
            JsonDumpParser.parse(
                    "[{\"data\":{\"iname\":\"x\",\"state\":1,\"vrid\":1,\"base_priority\":1}}]")
                .get(0)
                .stats())
        .isEqualTo(Optional.empty());
  }
}
