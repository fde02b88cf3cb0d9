package io.github.homelabha.drill.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.drill.cluster.NodeReading.InstanceState;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterHealthTest {
  private static NodeReading node(String name, double up, InstanceState... states) {
    return new NodeReading(name, 0, null, List.of(up), List.of(states));
  }

  private static ClusterHealth.Verdict judge(String instance, NodeReading... nodes) {
    return ClusterHealth.judge(new ClusterReading(0, List.of(nodes)), instance);
  }

  private static final InstanceState MASTER = new InstanceState("VI_1", 2);
  private static final InstanceState BACKUP = new InstanceState("VI_1", 1);

  @Test
  void oneMasterAndKeepalivedUpEverywhereIsHealthy() {
    ClusterHealth.Verdict v = judge(null, node("a", 1, BACKUP), node("b", 1, MASTER));
    assertThat(v.healthy()).isTrue();
    assertThat(v.master()).isEqualTo("b");
    assertThat(v.instance()).isEqualTo("VI_1");
  }

  @Test
  void refusalsNameTheirReason() {
    assertThat(reason(judge(null, node("a", 1, MASTER), node("b", 0, BACKUP))))
        .isEqualTo(Refusal.Reason.KEEPALIVED_DOWN);
    assertThat(
            reason(judge(null, node("a", 1, MASTER), NodeReading.unreachable("b", 0, "refused"))))
        .isEqualTo(Refusal.Reason.EXPORTER_UNREACHABLE);
    assertThat(reason(judge(null, node("a", 1, BACKUP), node("b", 1, BACKUP))))
        .isEqualTo(Refusal.Reason.NO_MASTER);
    assertThat(reason(judge(null, node("a", 1, MASTER), node("b", 1, MASTER))))
        .isEqualTo(Refusal.Reason.SEVERAL_MASTERS);
    assertThat(reason(judge("VI_2", node("a", 1, MASTER), node("b", 1, BACKUP))))
        .isEqualTo(Refusal.Reason.INSTANCE_UNKNOWN);
    InstanceState other = new InstanceState("VI_2", 1);
    assertThat(reason(judge(null, node("a", 1, MASTER, other), node("b", 1, BACKUP, other))))
        .isEqualTo(Refusal.Reason.INSTANCE_UNKNOWN);
    assertThat(
            judge(
                    "VI_2",
                    node("a", 1, MASTER, other),
                    node("b", 1, BACKUP, new InstanceState("VI_2", 2)))
                .master())
        .isEqualTo("b");
  }

  private static Refusal.Reason reason(ClusterHealth.Verdict v) {
    assertThat(v.healthy()).isFalse();
    return v.refusal().reason();
  }
}
