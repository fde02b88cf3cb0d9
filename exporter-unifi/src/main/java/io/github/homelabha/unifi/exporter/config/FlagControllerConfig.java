package io.github.homelabha.unifi.exporter.config;

import io.github.homelabha.core.api.ConfigProblems;

/**
 * The controller of the {@code --unifi.*} flags: checked only when {@code --unifi.url} is given.
 */
public final class FlagControllerConfig extends ControllerConfig {
  @Override
  protected boolean urlRequired() {
    return false;
  }

  @Override
  public void validate(ConfigProblems problems) {
    if (isSet()) {
      super.validate(problems);
    } else if (!username.isEmpty() || password != null || apiKey != null) {
      problems.add("url", "--unifi.url is required with --unifi.username or a key file");
    }
  }
}
