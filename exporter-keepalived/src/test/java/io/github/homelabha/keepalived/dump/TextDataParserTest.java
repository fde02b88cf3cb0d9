package io.github.homelabha.keepalived.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.homelabha.keepalived.Fixtures;
import org.junit.jupiter.api.Test;

class TextDataParserTest {

  @Test
  void readsDataDumpRecordedFromKeepalived227() throws Exception {
    TextDataParser.TextData d = TextDataParser.parse(Fixtures.dump("2.2.7/master.data"));

    assertThat(d.instances())
        .extracting(VrrpInstance::name)
        .containsExactly("VI_DNS", "VI_DNS6", "VI_NOVIP");
    VrrpInstance dns = d.instances().get(0);
    assertThat(dns.state()).isEqualTo(VrrpState.MASTER);
    assertThat(dns.vrid()).isEqualTo(51);
    assertThat(dns.basePriority()).isEqualTo(150);
    assertThat(dns.effectivePriority()).contains(150);
    assertThat(dns.vips())
        .extracting(VirtualIp::address)
        .containsExactly("192.0.2.100", "192.0.2.101");
    assertThat(dns.excludedVips()).extracting(VirtualIp::address).containsExactly("192.0.2.150");
    assertThat(dns.trackedScripts()).containsExactly(new TrackedScriptRef("chk_dns", -60));
    assertThat(d.instances().get(1).syncGroup()).contains("SG_DNS");
    assertThat(d.scripts()).containsExactly(new VrrpScript("chk_dns", "GOOD", "idle", -60));
    assertThat(d.scriptCommands()).containsEntry("'/tmp/karec/n1/ok.sh'", "chk_dns");
    assertThat(d.interfaces()).containsExactly(new TrackedInterface("eth0", true));
    assertThat(d.syncGroups()).containsExactly(new SyncGroup("SG_DNS", VrrpState.MASTER));
  }

  @Test
  void readsFailedScriptAndDownInterface() throws Exception {
    TextDataParser.TextData failed =
        TextDataParser.parse(Fixtures.dump("2.2.7/script-failed-backup.data"));
    assertThat(failed.scripts().get(0).good()).isFalse();
    assertThat(failed.instances().get(0).effectivePriority()).contains(90);

    TextDataParser.TextData fault = TextDataParser.parse(Fixtures.dump("2.2.7/fault.data"));
    assertThat(fault.instances()).extracting(VrrpInstance::state).containsOnly(VrrpState.FAULT);
    assertThat(fault.interfaces()).containsExactly(new TrackedInterface("eth0", false));
    assertThat(fault.syncGroups()).containsExactly(new SyncGroup("SG_DNS", VrrpState.FAULT));
  }

  @Test
  void neverKeepsThePassword() throws Exception {
    String data = Fixtures.dump("2.2.7/master.data");
    assertThat(data).contains("Password = " + Fixtures.TEST_PASSWORD);

    assertThat(TextDataParser.parse(data).toString()).doesNotContain(Fixtures.TEST_PASSWORD);
  }

  @Test
  void rejectsDumpsWithoutTopologyOrRequiredFields() {
    assertThatThrownBy(
            () -> TextDataParser.parse("------< Global definitions >------\n Router ID = x\n"))
        .isInstanceOf(DumpParseException.class);
    assertThatThrownBy(
            () ->
                TextDataParser.parse(
                    "------< VRRP Topology >------\n VRRP Instance = VI_1\n   State = MASTER\n"))
        .isInstanceOf(DumpParseException.class)
        .hasMessageContaining("VI_1");
    assertThatThrownBy(
            () ->
                TextDataParser.parse(
                    "------< VRRP Topology >------\n VRRP Instance = VI_1\n   State = SLEEPING\n"))
        .isInstanceOf(DumpParseException.class)
        .hasMessageContaining("unknown state");
  }

  // The shared reference dumps, read in place (see ../shared/reference/keepalived/README.txt).

  @Test
  void readsReference135WithScriptInsideTheInstance() throws Exception {
    assumeTrue(Fixtures.referenceDir().isPresent(), "../shared/reference/keepalived not present");
    TextDataParser.TextData d = TextDataParser.parse(Fixtures.reference("v1.3.5.keepalived.data"));

    VrrpInstance vi = d.instances().get(0);
    assertThat(vi.name()).isEqualTo("VI_1");
    assertThat(vi.state()).isEqualTo(VrrpState.MASTER);
    assertThat(vi.interfaceName()).isEqualTo("eth0");
    assertThat(vi.vrid()).isEqualTo(51);
    assertThat(vi.basePriority()).isEqualTo(150);
    assertThat(vi.effectivePriority()).isEmpty();
    assertThat(vi.vips()).extracting(VirtualIp::address).containsExactly("10.32.75.200");
    assertThat(vi.trackedScripts())
        .extracting(TrackedScriptRef::name)
        .containsExactly("check_haproxy");
    assertThat(d.scripts()).containsExactly(new VrrpScript("check_haproxy", "BAD", "", 0));
    assertThat(d.toString()).doesNotContain("Password");
  }

  @Test
  void readsReference2010() throws Exception {
    assumeTrue(Fixtures.referenceDir().isPresent(), "../shared/reference/keepalived not present");
    TextDataParser.TextData d = TextDataParser.parse(Fixtures.reference("v2.0.10.keepalived.data"));

    VrrpInstance vi = d.instances().get(0);
    assertThat(vi.interfaceName()).isEqualTo("ens192");
    assertThat(vi.vrid()).isEqualTo(52);
    assertThat(vi.effectivePriority()).contains(50);
    assertThat(vi.vips()).extracting(VirtualIp::address).containsExactly("2.2.2.2");
    assertThat(vi.trackedScripts()).containsExactly(new TrackedScriptRef("chk_service", 0));
    assertThat(d.scripts()).containsExactly(new VrrpScript("chk_service", "GOOD", "idle", 0));
  }

  @Test
  void readsReference224WithIpv6ExcludedVipsAndTrackedInterfaces() throws Exception {
    assumeTrue(Fixtures.referenceDir().isPresent(), "../shared/reference/keepalived not present");
    TextDataParser.TextData d = TextDataParser.parse(Fixtures.reference("v2.2.4.keepalived.data"));

    assertThat(d.instances()).extracting(VrrpInstance::name).containsExactly("VI_IPV4", "VI_IPV6");
    VrrpInstance v4 = d.instances().get(0);
    assertThat(v4.vips()).extracting(VirtualIp::address).containsExactly("10.0.0.167");
    assertThat(v4.excludedVips()).extracting(VirtualIp::address).containsExactly("10.10.0.1");
    assertThat(v4.trackedInterfaces()).containsExactly("dummy0");
    VrrpInstance v6 = d.instances().get(1);
    assertThat(v6.vips()).extracting(VirtualIp::address).containsExactly("1001:ac14:550:10:1::53");
    assertThat(v6.vips().get(0).device()).contains("ens254");
    assertThat(d.scripts()).extracting(VrrpScript::name).containsExactly("lookup_ipv4");
    assertThat(d.toString()).doesNotContain("keep105");
  }

  @Test
  void readsReference227WithCountedVipHeader() throws Exception {
    assumeTrue(Fixtures.referenceDir().isPresent(), "../shared/reference/keepalived not present");
    TextDataParser.TextData d = TextDataParser.parse(Fixtures.reference("v2.2.7.keepalived.data"));

    VrrpInstance vi = d.instances().get(0);
    assertThat(vi.basePriority()).isEqualTo(50);
    assertThat(vi.effectivePriority()).contains(150);
    assertThat(vi.vips()).extracting(VirtualIp::cidr).containsExactly("10.1.0.1/24");
    assertThat(vi.trackedScripts()).containsExactly(new TrackedScriptRef("chk_script", 100));
    assertThat(vi.lastTransition()).contains(1673674892.348360);
    assertThat(d.scripts()).containsExactly(new VrrpScript("check_script", "GOOD", "idle", 100));
  }
}
