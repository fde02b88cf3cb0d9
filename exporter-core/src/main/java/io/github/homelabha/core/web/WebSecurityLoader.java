package io.github.homelabha.core.web;

import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import java.nio.file.Path;
import java.util.List;

/** Turns {@code --web.config.file} into the server's {@link WebSecurity}. */
public final class WebSecurityLoader {
  private WebSecurityLoader() {}

  public static WebSecurity load(Path webConfigFile) throws InvalidConfigException {
    if (webConfigFile == null) {
      return WebSecurity.none();
    }
    throw new InvalidConfigException(
        List.of("--web.config.file: TLS and basic auth are not available in this build"));
  }
}
