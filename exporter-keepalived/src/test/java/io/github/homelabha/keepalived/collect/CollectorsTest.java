package io.github.homelabha.keepalived.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.testkit.RecordingWriter;
import io.github.homelabha.keepalived.Fixtures;
import io.github.homelabha.keepalived.dump.DumpAssembler;
import io.github.homelabha.keepalived.dump.JsonDumpParser;
import io.github.homelabha.keepalived.dump.KeepalivedDump;
import io.github.homelabha.keepalived.dump.TextDataParser;
import io.github.homelabha.keepalived.vip.HostAddresses;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CollectorsTest {

  private static KeepalivedDump dump(String name) throws Exception {
    return DumpAssembler.fromJson(
        JsonDumpParser.parse(Fixtures.dump("2.2.7/" + name + ".json")),
        Optional.of(TextDataParser.parse(Fixtures.dump("2.2.7/" + name + ".data"))));
  }

  @Test
  void writesInstanceStateVipsScriptsAndCompatibleCounters() throws Exception {
    RecordingWriter out = new RecordingWriter(KeepalivedMetrics.all());
    HostAddresses host = new HostAddresses(Set.of("eth0 192.0.2.100", "eth0 192.0.2.150"));

    new DumpCollectors(false).write(dump("master"), Optional.of(host), out);

    assertThat(out.valueOf("keepalived_vrrp_instance_state", "iname", "VI_DNS", "vrid", "51"))
        .isEqualTo(2);
    assertThat(out.valueOf("keepalived_vrrp_effective_priority", "iname", "VI_DNS")).isEqualTo(150);
    assertThat(out.valueOf("keepalived_vrrp_state", "iname", "VI_DNS", "ip_address", "192.0.2.101"))
        .isEqualTo(2);
    assertThat(out.valueOf("keepalived_vrrp_state", "iname", "VI_NOVIP", "ip_address", ""))
        .isEqualTo(2);
    assertThat(out.valueOf("keepalived_vrrp_excluded_state", "ip_address", "192.0.2.150"))
        .isEqualTo(2);
    assertThat(out.valueOf("keepalived_vip_present", "ip_address", "192.0.2.100")).isEqualTo(1);
    assertThat(out.valueOf("keepalived_vip_present", "ip_address", "192.0.2.101")).isZero();
    assertThat(out.valueOf("keepalived_vip_present", "ip_address", "fd00:db8::100")).isZero();
    assertThat(out.valueOf("keepalived_track_script_status", "name", "chk_dns")).isEqualTo(1);
    assertThat(out.valueOf("keepalived_script_status", "name", "chk_dns")).isEqualTo(1);
    assertThat(out.valueOf("keepalived_script_state", "name", "chk_dns")).isZero();
    assertThat(out.valueOf("keepalived_tracked_interface_up", "name", "eth0")).isEqualTo(1);
    assertThat(out.valueOf("keepalived_vrrp_sync_group_state", "group", "SG_DNS")).isEqualTo(2);
    assertThat(out.valueOf("keepalived_become_master_total", "iname", "VI_DNS")).isEqualTo(1);
    assertThat(out.valueOf("keepalived_gratuitous_arp_delay_total", "iname", "VI_DNS"))
        .isEqualTo(5);
    RecordingWriter.Sample counter = out.samples("keepalived_become_master_total").get(0);
    assertThat(counter.labels()).hasSize(3); // iname, intf, vrid
    assertThat(counter.label("state")).isNull(); // declared optional, off by default
    assertThat(out.toString()).doesNotContain(Fixtures.TEST_PASSWORD);
  }

  @Test
  void compatStateLabelAddsTheCurrentStateToCounters() throws Exception {
    RecordingWriter out = new RecordingWriter(KeepalivedMetrics.all());

    new DumpCollectors(true).write(dump("script-failed-backup"), Optional.empty(), out);

    assertThat(
            out.valueOf(
                "keepalived_advertisements_received_total", "iname", "VI_DNS", "state", "BACKUP"))
        .isPositive();
    assertThat(out.samples("keepalived_vip_present")).isEmpty(); // no host addresses known
    assertThat(out.valueOf("keepalived_track_script_status", "name", "chk_dns")).isZero();
  }
}
