package io.github.homelabha.drill.config;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Validatable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The drill's YAML file. Keys are snake_case; unknown keys are errors. */
public final class DrillConfig implements Validatable {
  static final Duration MIN_PROBE_INTERVAL = Duration.ofMillis(10);

  /** The {@code drill} label of the pushed metrics and the report's {@code drill}. */
  public String name;

  /** The VRRP instance to drill; may be left out when the nodes have only one. */
  public String instance;

  public Duration probeInterval = Duration.ofMillis(100);

  /** A probe without a complete answer within this has failed. */
  public Duration probeTimeout = Duration.ofSeconds(1);

  public Duration settle = Duration.ofSeconds(5);
  public Duration timeout = Duration.ofSeconds(120);
  public boolean restore = true;
  public List<NodeConfig> nodes = new ArrayList<>();
  public List<ServiceConfig> services = new ArrayList<>();
  public PushgatewayConfig pushgateway;
  public Path textfile;

  @Override
  public void validate(ConfigProblems problems) {
    if (name == null || name.isBlank()) {
      problems.add("name", "required: the drill's name (its drill label)");
    }
    if (instance != null && instance.isBlank()) {
      problems.add("instance", "must not be empty (leave it out to use the only instance)");
    }
    checkDurations(problems);
    if (nodes == null || nodes.size() < 2) {
      problems.add("nodes", "at least two nodes are needed for a failover");
    } else {
      Set<String> names = new HashSet<>();
      for (int i = 0; i < nodes.size(); i++) {
        NodeConfig node = nodes.get(i);
        if (node == null) {
          problems.add("nodes[" + i + "]", "empty entry");
          continue;
        }
        if (node.name != null && !names.add(node.name)) {
          problems.add("nodes[" + i + "].name", "duplicate node name " + node.name);
        }
        if (restore) {
          NodeConfig.checkCommand(problems.at("nodes[" + i + "]"), "restore", node.restore);
        }
      }
    }
    if (services == null || services.isEmpty()) {
      problems.add("services", "at least one service to probe is needed");
    } else {
      Set<String> names = new HashSet<>();
      for (int i = 0; i < services.size(); i++) {
        ServiceConfig service = services.get(i);
        if (service == null) {
          problems.add("services[" + i + "]", "empty entry");
        } else if (service.name != null && !names.add(service.name)) {
          problems.add("services[" + i + "].name", "duplicate service name " + service.name);
        }
      }
    }
  }

  private void checkDurations(ConfigProblems problems) {
    if (probeInterval == null || probeInterval.compareTo(MIN_PROBE_INTERVAL) < 0) {
      problems.add("probe_interval", "must be at least 10ms");
    }
    if (probeTimeout == null || probeTimeout.isZero() || probeTimeout.isNegative()) {
      problems.add("probe_timeout", "must be more than 0");
    } else if (probeTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
      problems.add("probe_timeout", "must be at most 1m");
    }
    if (settle == null || settle.isZero() || settle.isNegative()) {
      problems.add("settle", "must be more than 0");
    } else if (probeInterval != null && settle.compareTo(probeInterval) < 0) {
      problems.add("settle", "must be at least probe_interval");
    }
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      problems.add("timeout", "must be more than 0");
    } else if (settle != null && timeout.compareTo(settle.multipliedBy(3)) < 0) {
      // the baseline, the failover and the way back each last settle at least
      problems.add("timeout", "must be at least 3 × settle");
    }
  }

  /** The node called {@code name}. */
  public NodeConfig node(String name) {
    return nodes.stream()
        .filter(n -> n.name.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + name));
  }
}
