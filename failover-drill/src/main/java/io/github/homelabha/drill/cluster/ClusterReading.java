package io.github.homelabha.drill.cluster;

import java.util.List;
import java.util.Optional;

/** Every node's reading of one round. */
public record ClusterReading(long startNanos, List<NodeReading> nodes) {

  /** The node that reports MASTER for the instance when exactly one does. */
  public Optional<String> singleMaster(String instance) {
    List<String> masters = masters(instance);
    return masters.size() == 1 ? Optional.of(masters.get(0)) : Optional.empty();
  }

  public List<String> masters(String instance) {
    return nodes.stream().filter(n -> n.isMaster(instance)).map(NodeReading::node).toList();
  }
}
