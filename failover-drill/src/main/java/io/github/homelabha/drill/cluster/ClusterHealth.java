package io.github.homelabha.drill.cluster;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Judges whether a cluster may be drilled: every node's exporter answers, keepalived is up
 * everywhere, the instance exists on every node and exactly one node is its MASTER.
 */
public final class ClusterHealth {
  private ClusterHealth() {}

  /** The outcome: a healthy cluster's instance and MASTER, or why the drill must not start. */
  public record Verdict(String instance, String master, Refusal refusal) {
    public boolean healthy() {
      return refusal == null;
    }
  }

  /** {@code configuredInstance} may be null: the nodes' only instance is drilled. */
  public static Verdict judge(ClusterReading reading, String configuredInstance) {
    for (NodeReading node : reading.nodes()) {
      if (!node.reachable()) {
        return refuse(
            Refusal.Reason.EXPORTER_UNREACHABLE, "node " + node.node() + ": " + node.error());
      }
    }
    for (NodeReading node : reading.nodes()) {
      if (!node.keepalivedUp()) {
        return refuse(
            Refusal.Reason.KEEPALIVED_DOWN,
            "node " + node.node() + ": keepalived_up is not 1 (keepalived is not running there?)");
      }
    }
    String instance = configuredInstance;
    if (instance == null) {
      Set<String> all =
          reading.nodes().stream()
              .flatMap(n -> n.instances().stream())
              .map(NodeReading.InstanceState::instance)
              .collect(Collectors.toCollection(TreeSet::new));
      if (all.size() != 1) {
        return refuse(
            Refusal.Reason.INSTANCE_UNKNOWN,
            all.isEmpty()
                ? "no node reports a VRRP instance"
                : "the nodes have several VRRP instances, name one with instance: " + all);
      }
      instance = all.iterator().next();
    }
    for (NodeReading node : reading.nodes()) {
      if (node.stateOf(instance).isEmpty()) {
        return refuse(
            Refusal.Reason.INSTANCE_UNKNOWN,
            "node " + node.node() + " does not report VRRP instance " + instance + " exactly once");
      }
    }
    List<String> masters = reading.masters(instance);
    if (masters.isEmpty()) {
      return refuse(Refusal.Reason.NO_MASTER, "no node is MASTER of " + instance);
    }
    if (masters.size() > 1) {
      return refuse(
          Refusal.Reason.SEVERAL_MASTERS,
          "several nodes are MASTER of " + instance + ": " + masters);
    }
    return new Verdict(instance, masters.get(0), null);
  }

  private static Verdict refuse(Refusal.Reason reason, String message) {
    return new Verdict(null, null, new Refusal(reason, message));
  }
}
