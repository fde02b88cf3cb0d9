package io.github.homelabha.unifi.exporter.config;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Validatable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The exporter's configuration: a list of {@code controllers}, or one controller from the {@code
 * --unifi.*} flags (the {@code unifi} key).
 */
public final class UnifiConfig implements Validatable {
  public List<ControllerConfig> controllers = new ArrayList<>();

  /** The controller given with {@code --unifi.url} and friends. */
  public FlagControllerConfig unifi = new FlagControllerConfig();

  /** Every configured controller, the flags' one last. */
  public List<ControllerConfig> all() {
    List<ControllerConfig> out = new ArrayList<>(controllers);
    if (unifi.isSet()) {
      out.add(unifi);
    }
    return out;
  }

  @Override
  public void validate(ConfigProblems problems) {
    // The flags' controller is validated by the walk only when set (its defaults are empty).
    if (all().isEmpty()) {
      problems.add(
          "controllers",
          "no controller: give --unifi.url with --unifi.username and --unifi.password-file"
              + " (or --unifi.api-key-file), or controllers in --config.file");
    }
    Set<String> names = new HashSet<>();
    for (ControllerConfig c : all()) {
      if (!names.add(c.effectiveName())) {
        problems.add("controllers", "two controllers named " + c.effectiveName() + ": set name");
      }
      if (c.effectiveName().equals(SESSIONS_TARGET)) {
        problems.add("controllers", "the name " + SESSIONS_TARGET + " is reserved");
      }
    }
  }

  /** The target that reports every controller's logins, even while a controller is down. */
  public static final String SESSIONS_TARGET = "sessions";
}
