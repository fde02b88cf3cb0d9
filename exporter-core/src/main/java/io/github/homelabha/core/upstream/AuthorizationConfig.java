package io.github.homelabha.core.upstream;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Secret;
import io.github.homelabha.core.api.Validatable;

/**
 * {@code authorization}, as in Prometheus' {@code http_config}: sends {@code Authorization: <type>
 * <credentials>}; {@code credentials} may come from {@code credentials_file} or {@code
 * credentials_env}.
 */
public final class AuthorizationConfig implements Validatable {
  public String type = "Bearer";
  public Secret credentials;

  @Override
  public void validate(ConfigProblems problems) {
    problems.require(
        type != null && type.matches("[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,63}"),
        "type",
        "must be an HTTP auth scheme such as Bearer");
    problems.require(
        type == null || !type.equalsIgnoreCase("basic"), "type", "use basic_auth for Basic");
    problems.require(
        credentials != null && !credentials.value().isEmpty(),
        "credentials",
        "required (or credentials_file / credentials_env)");
  }
}
