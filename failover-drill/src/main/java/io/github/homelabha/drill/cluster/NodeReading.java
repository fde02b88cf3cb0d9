package io.github.homelabha.drill.cluster;

import java.util.List;
import java.util.Optional;

/**
 * What one node's keepalived exporter said at one moment: whether it answered, whether keepalived
 * is up there, and the state of each VRRP instance.
 *
 * @param error why the node could not be read; null when it was
 * @param startNanos {@link System#nanoTime()} when the request was sent
 */
public record NodeReading(
    String node, long startNanos, String error, List<Double> up, List<InstanceState> instances) {

  /**
   * A VRRP instance's state as the exporter reports it: 0 INIT, 1 BACKUP, 2 MASTER, 3 FAULT, 4
   * STOP, 5 DELETED.
   */
  public record InstanceState(String instance, int state) {}

  public static final int MASTER = 2;

  public static NodeReading unreachable(String node, long startNanos, String error) {
    return new NodeReading(node, startNanos, error, List.of(), List.of());
  }

  public boolean reachable() {
    return error == null;
  }

  /** keepalived_up is present and 1 in every sample. */
  public boolean keepalivedUp() {
    return reachable() && !up.isEmpty() && up.stream().allMatch(v -> v == 1.0);
  }

  /** The instance's state when the node reports it exactly once. */
  public Optional<Integer> stateOf(String instance) {
    List<InstanceState> found =
        instances.stream().filter(s -> s.instance().equals(instance)).toList();
    return found.size() == 1 ? Optional.of(found.get(0).state()) : Optional.empty();
  }

  public boolean isMaster(String instance) {
    return stateOf(instance).orElse(-1) == MASTER;
  }
}
