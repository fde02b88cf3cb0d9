package io.github.homelabha.sync.role;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns a configured role into the role in effect now. {@code auto} becomes {@code source} while
 * this node holds the VIP and {@code replica} otherwise, so the canary writer follows a failover.
 */
public final class RoleResolver {
  private final InetAddress vip;
  private final LocalAddresses addresses;
  private final Duration cacheFor;
  private final Clock clock;
  private Instant checkedAt = Instant.MIN;
  private boolean holdsVip;

  /**
   * @param vip the VIP literal, or empty when no pair uses {@code auto}
   */
  public RoleResolver(String vip, LocalAddresses addresses, Duration cacheFor, Clock clock) {
    this.vip = vip.isEmpty() ? null : VipAddress.parse(vip);
    this.addresses = addresses;
    this.cacheFor = cacheFor;
    this.clock = clock;
  }

  public static RoleResolver fromConfig(RoleConfig config, Clock clock) {
    LocalAddresses addresses =
        config.netns.isEmpty()
            ? new JvmLocalAddresses()
            : new NamespaceLocalAddresses(config.netns);
    return new RoleResolver(config.vip, addresses, config.cacheFor, clock);
  }

  /** The role in effect: never {@link Role#AUTO}. */
  public Role effective(Role configured) throws IOException {
    if (configured != Role.AUTO) {
      return configured;
    }
    return holdsVip() ? Role.SOURCE : Role.REPLICA;
  }

  /** Whether this node holds the VIP now (cached for a short while; addresses change rarely). */
  public synchronized boolean holdsVip() throws IOException {
    if (vip == null) {
      throw new IOException("role auto needs role.vip (the VIP whose holder is the source)");
    }
    Instant now = clock.instant();
    if (now.isBefore(checkedAt.plus(cacheFor))) {
      return holdsVip;
    }
    holdsVip = addresses.current().contains(vip);
    checkedAt = now;
    return holdsVip;
  }
}
