package io.github.homelabha.core.testkit.system.keepalived;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What a {@link KeepalivedNode} runs: a priority, the weight of its track script {@value
 * KeepalivedNode#TRACK_SCRIPT}, PASS authentication, multicast adverts or unicast to peer hosts,
 * and VRRP instances.
 */
public final class KeepalivedConfig {

  /**
   * One VRRP instance on {@code eth0} (advert_int 1). {@code vip} may name its device ({@code
   * 192.0.2.100/24 dev eth0}); {@code excludedVips} move with the instance but stay out of its
   * adverts, as an IPv6 VIP of an IPv4 instance must.
   */
  public record Instance(
      String name, int vrid, String vip, boolean tracked, List<String> excludedVips) {

    /** A tracked instance without excluded VIPs. */
    public static Instance of(String name, int vrid, String vip) {
      return new Instance(name, vrid, vip, true, List.of());
    }

    public Instance untracked() {
      return new Instance(name, vrid, vip, false, excludedVips);
    }

    public Instance withExcludedVips(List<String> vips) {
      return new Instance(name, vrid, vip, tracked, List.copyOf(vips));
    }
  }

  private final int priority;
  private final int trackScriptWeight;
  private String routerIdPrefix = "";
  private String password = "test-pass";
  private List<String> unicastPeers = List.of();
  private final List<Instance> instances = new ArrayList<>();

  private KeepalivedConfig(int priority, int trackScriptWeight) {
    this.priority = priority;
    this.trackScriptWeight = trackScriptWeight;
  }

  /** Every instance with {@code priority}; a failing track script adds {@code weight} (< 0). */
  public static KeepalivedConfig of(int priority, int trackScriptWeight) {
    return new KeepalivedConfig(priority, trackScriptWeight);
  }

  /** router_id is this prefix and the host name. */
  public KeepalivedConfig routerIdPrefix(String prefix) {
    this.routerIdPrefix = prefix;
    return this;
  }

  public KeepalivedConfig password(String password) {
    this.password = password;
    return this;
  }

  /** Adverts by unicast to these lab hosts instead of multicast. */
  public KeepalivedConfig unicastTo(List<String> peerHosts) {
    this.unicastPeers = List.copyOf(peerHosts);
    return this;
  }

  public KeepalivedConfig instance(Instance instance) {
    instances.add(instance);
    return this;
  }

  /** keepalived.conf for {@code host}; {@code addressOf} maps a lab host to its address. */
  String render(String host, Path notifyFifo, Path failFile, UnaryOperator<String> addressOf) {
    List<String> c = new ArrayList<>();
    c.add("global_defs {");
    c.add("  router_id " + routerIdPrefix + host);
    c.add("  enable_script_security");
    c.add("  script_user root");
    c.add("  vrrp_notify_fifo " + notifyFifo);
    c.add("  vrrp_notify_priority_changes true");
    c.add("}");
    c.add("vrrp_script " + KeepalivedNode.TRACK_SCRIPT + " {");
    c.add("  script \"/usr/bin/test ! -e " + failFile + "\"");
    c.add("  interval 1");
    c.add("  fall 1");
    c.add("  rise 1");
    c.add("  weight " + trackScriptWeight);
    c.add("}");
    for (Instance i : instances) {
      c.add("vrrp_instance " + i.name() + " {");
      c.add("  state BACKUP");
      c.add("  interface eth0");
      c.add("  virtual_router_id " + i.vrid());
      c.add("  priority " + priority);
      c.add("  advert_int 1");
      if (!unicastPeers.isEmpty()) {
        c.add("  unicast_src_ip " + addressOf.apply(host));
        c.add("  unicast_peer {");
        unicastPeers.forEach(p -> c.add("    " + addressOf.apply(p)));
        c.add("  }");
      }
      c.add("  authentication {");
      c.add("    auth_type PASS");
      c.add("    auth_pass " + password);
      c.add("  }");
      c.add("  virtual_ipaddress {");
      c.add("    " + i.vip());
      c.add("  }");
      if (!i.excludedVips().isEmpty()) {
        c.add("  virtual_ipaddress_excluded {");
        i.excludedVips().forEach(v -> c.add("    " + v));
        c.add("  }");
      }
      if (i.tracked()) {
        c.add("  track_script {");
        c.add("    " + KeepalivedNode.TRACK_SCRIPT);
        c.add("  }");
      }
      c.add("}");
    }
    c.add("");
    return String.join("\n", c);
  }
}
