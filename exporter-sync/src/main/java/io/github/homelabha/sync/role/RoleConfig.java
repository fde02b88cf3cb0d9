package io.github.homelabha.sync.role;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Validatable;
import java.time.Duration;

/** How pairs with role {@code auto} decide: the node holding {@link #vip} is the source. */
public final class RoleConfig implements Validatable {
  /** The virtual IP (keepalived's VRRP address) whose holder writes the canary. */
  public String vip = "";

  /**
   * Network namespace to look for the VIP in (as {@code ip netns} names it); empty means this
   * process's own namespace.
   */
  public String netns = "";

  /** How long one look at the interface addresses is reused. */
  public Duration cacheFor = Duration.ofSeconds(1);

  @Override
  public void validate(ConfigProblems problems) {
    if (!vip.isEmpty()) {
      problems.require(VipAddress.isLiteral(vip), "vip", "not an IP address: " + vip);
    }
    problems.require(
        netns.isEmpty() || netns.matches("[A-Za-z0-9._-]{1,64}"),
        "netns",
        "not a network namespace name: " + netns);
    problems.require(
        cacheFor != null && !cacheFor.isNegative(), "cache_for", "must not be negative");
  }
}
