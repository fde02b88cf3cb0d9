package io.github.homelabha.sync;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Validatable;
import io.github.homelabha.sync.canary.CanaryConfig;
import io.github.homelabha.sync.lsyncd.LsyncdConfig;
import io.github.homelabha.sync.pair.PairConfig;
import io.github.homelabha.sync.pair.PairsConfig;
import io.github.homelabha.sync.rclone.RcloneConfig;
import io.github.homelabha.sync.role.Role;
import io.github.homelabha.sync.role.RoleConfig;
import io.github.homelabha.sync.tree.TreeConfig;
import java.util.ArrayList;
import java.util.List;

/** The sync exporter's configuration file (YAML keys in snake_case). Everything is optional. */
public final class SyncConfig implements Validatable {
  public List<PairConfig> pairs = new ArrayList<>();
  public CanaryConfig canary = new CanaryConfig();
  public TreeConfig tree = new TreeConfig();
  public RoleConfig role = new RoleConfig();
  public LsyncdConfig lsyncd = new LsyncdConfig();
  public RcloneConfig rclone = new RcloneConfig();

  @Override
  public void validate(ConfigProblems problems) {
    PairsConfig.validate(pairs, problems);
    boolean anyAuto = pairs.stream().anyMatch(p -> p != null && p.role != null && isAuto(p.role));
    problems.require(
        !anyAuto || !role.vip.isEmpty(),
        "role.vip",
        "pairs with role auto need the VIP whose holder is the source (--role.vip)");
  }

  private static boolean isAuto(String role) {
    try {
      return Role.parse(role) == Role.AUTO;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
