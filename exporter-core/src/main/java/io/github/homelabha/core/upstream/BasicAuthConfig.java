package io.github.homelabha.core.upstream;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Secret;
import io.github.homelabha.core.api.Validatable;

/**
 * {@code basic_auth}, as in Prometheus' {@code http_config}: {@code username} and {@code password}
 * (or {@code password_file: PATH}, or {@code password_env: VARIABLE}).
 */
public final class BasicAuthConfig implements Validatable {
  public String username = "";
  public Secret password;

  @Override
  public void validate(ConfigProblems problems) {
    problems.require(
        username != null && !username.isEmpty(), "username", "required with basic_auth");
    problems.require(
        username == null || username.indexOf(':') < 0,
        "username",
        "must not contain ':' (HTTP basic auth cannot carry it)");
  }
}
