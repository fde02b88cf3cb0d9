package io.github.homelabha.unifi.exporter.config;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Validatable;

/**
 * A switch port a cluster node is plugged into: exported as {@code unifi_node_port_info} so alert
 * rules can name the node whose link went down or slowed.
 */
public final class NodePortConfig implements Validatable {
  /** The node's name, e.g. {@code pi1}. */
  public String node = "";

  /** The switch's MAC address or its name in the controller. */
  public String device = "";

  /** Port number as the controller counts ({@code port_idx}, from 1). */
  public int port = 0;

  @Override
  public void validate(ConfigProblems problems) {
    problems.require(!node.isBlank(), "node", "required");
    problems.require(!device.isBlank(), "device", "required (switch MAC or name)");
    problems.require(port > 0, "port", "required, from 1");
  }
}
