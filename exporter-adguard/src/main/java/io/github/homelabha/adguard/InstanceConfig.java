package io.github.homelabha.adguard;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Secret;
import io.github.homelabha.core.upstream.HttpUpstreamConfig;
import java.util.regex.Pattern;

/**
 * One AdGuard Home instance: the core's HTTP options ({@code url}, {@code timeout}, {@code
 * tls_config}, {@code backoff}, ...) plus its name, the administrator's credentials and the drift
 * group it belongs to.
 *
 * <pre>{@code
 * instances:
 *   - name: pi-a
 *     url: http://192.168.1.2:3000
 *     username: prometheus
 *     password_file: /etc/adguard-exporter/password
 * }</pre>
 */
public class InstanceConfig extends HttpUpstreamConfig {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

  /** How the exporter authenticates. */
  public enum Auth {
    /** {@code POST /control/login} once, then the session cookie: one bcrypt check per session. */
    @JsonProperty("session")
    SESSION,
    /** Basic auth on every request (one bcrypt check per request on the AdGuard side). */
    @JsonProperty("basic")
    BASIC
  }

  public String name = "";
  public String username = "";
  public Secret password;

  /** Instances of one group are compared for drift; empty means the file's common group. */
  public String group = "";

  public Auth auth = Auth.SESSION;

  @Override
  public void validate(ConfigProblems problems) {
    super.validate(problems);
    problems.require(
        name != null && NAME.matcher(name).matches(),
        "name",
        "required: letters, digits, '.', '_' or '-', e.g. pi-a");
    problems.require(
        group == null || group.isEmpty() || NAME.matcher(group).matches(),
        "group",
        "letters, digits, '.', '_' or '-'");
    if (basicAuth == null) {
      problems.require(
          username != null && !username.isEmpty(), "username", "required (AdGuard's admin user)");
      problems.require(password != null, "password_file", "required (a file holding the password)");
    } else {
      problems.require(
          username == null || username.isEmpty(), "username", "set either username or basic_auth");
    }
    problems.require(
        username == null || username.indexOf(':') < 0,
        "username",
        "must not contain ':' (HTTP basic auth cannot carry it)");
  }
}
