package io.github.homelabha.keepalived.config;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Validatable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The exporter's configuration. One keepalived is described by {@code keepalived:} (what the
 * command-line flags set); several (per network namespace or container) by a {@code targets:} list
 * in the YAML file, which then replaces {@code keepalived:}.
 */
public class KeepalivedConfig implements Validatable {
  public TargetConfig keepalived = new TargetConfig();
  public List<TargetConfig> targets = new ArrayList<>();
  public Compat compat = new Compat();

  /** How many transitions {@code /events} and the landing page keep. */
  public int eventsKept = 100;

  /** Compatibility switches for dashboards built on mehdy/keepalived-exporter. */
  public static class Compat {
    /**
     * Add the instance's current state as a {@code state} label to the per-instance counters, as
     * older versions of that exporter did (starts a new series at every transition).
     */
    public boolean stateLabel = false;
  }

  /** The targets in effect. */
  public List<TargetConfig> effectiveTargets() {
    return targets == null || targets.isEmpty() ? List.of(keepalived) : targets;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.require(eventsKept >= 1 && eventsKept <= 100_000, "events_kept", "must be 1-100000");
    if (targets != null && !targets.isEmpty()) {
      Set<String> names = new HashSet<>();
      for (int i = 0; i < targets.size(); i++) {
        TargetConfig t = targets.get(i);
        if (t == null) {
          problems.add("targets[" + i + "]", "empty entry");
          continue;
        }
        t.validate(problems, "targets[" + i + "]");
        problems.require(names.add(t.name), "targets[" + i + "].name", "duplicate name " + t.name);
      }
    } else {
      problems.require(keepalived != null, "keepalived", "must be set");
      if (keepalived != null) {
        keepalived.validate(problems, "keepalived");
      }
    }
  }
}
