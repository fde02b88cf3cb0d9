package io.github.homelabha.unifi.exporter.config;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Secret;
import io.github.homelabha.core.api.Validatable;
import io.github.homelabha.unifi.client.Platform;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One UniFi Network controller and how to reach it. */
public class ControllerConfig implements Validatable {
  /** The {@code target} label; defaults to the URL's host. */
  public String name = "";

  /** e.g. {@code https://192.168.1.1} (console) or {@code https://unifi.lan:8443}. */
  public String url = "";

  /** Site names (as in URLs: {@code default}); empty: every site the account may read. */
  public List<String> sites = new ArrayList<>();

  /** A local read-only account; accounts with 2FA cannot log in from a program. */
  public String username = "";

  /** Or {@code password_file: PATH} (one trailing newline dropped), or {@code password_env}. */
  public Secret password;

  /** Network 9+ API key instead of user and password; or {@code api_key_file}. */
  public Secret apiKey;

  /** {@code auto} (find out), {@code classic} or {@code unifi_os}. */
  public String platform = "auto";

  public TlsConfig tlsConfig = new TlsConfig();

  /** Per request to the controller. */
  public Duration timeout = Duration.ofSeconds(10);

  /**
   * Answers are reused for this long, so several Prometheus servers scraping one exporter cause one
   * poll of the controller; 0 (the default) polls at every scrape.
   */
  public Duration minInterval = Duration.ZERO;

  /** Login back-off after a 429 without Retry-After or a refused login: first pause, doubling. */
  public Duration loginBackoff = Duration.ofSeconds(30);

  public Duration loginBackoffMax = Duration.ofMinutes(5);

  /** Answers larger than this fail the scrape. */
  public long maxResponseBytes = 64L * 1024 * 1024;

  /** Events of the last hour are counted; off for controllers without {@code stat/event}. */
  public boolean events = true;

  public PerClientConfig perClient = new PerClientConfig();

  public List<NodePortConfig> nodePorts = new ArrayList<>();

  public boolean isSet() {
    return !url.isEmpty();
  }

  public String effectiveName() {
    if (!name.isEmpty()) {
      return name;
    }
    try {
      String host = URI.create(url).getHost();
      return host == null ? "unifi" : host;
    } catch (IllegalArgumentException e) {
      return "unifi";
    }
  }

  public Platform parsedPlatform() {
    return switch (platform.toLowerCase(Locale.ROOT).replace('-', '_')) {
      case "classic" -> Platform.CLASSIC;
      case "unifi_os", "unifios" -> Platform.UNIFI_OS;
      default -> Platform.AUTO;
    };
  }

  public boolean usesApiKey() {
    return apiKey != null && !apiKey.value().isEmpty();
  }

  @Override
  public void validate(ConfigProblems problems) {
    if (url.isEmpty()) {
      problems.add("url", "required, e.g. https://192.168.1.1");
    } else {
      try {
        URI u = URI.create(url);
        problems.require(
            ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null,
            "url",
            "must be an http or https URL with a host");
        problems.require(u.getUserInfo() == null, "url", "put credentials in username/password");
      } catch (IllegalArgumentException e) {
        problems.add("url", "not a URL");
      }
    }
    boolean hasPassword = password != null && !password.value().isEmpty();
    if (usesApiKey()) {
      problems.require(
          username.isEmpty() && !hasPassword,
          "api_key",
          "give either api_key or username and password, not both");
    } else {
      problems.require(!username.isEmpty(), "username", "required (or api_key_file)");
      problems.require(hasPassword, "password", "required: password_file: PATH (or api_key_file)");
    }
    problems.require(
        List.of("auto", "classic", "unifi_os", "unifi-os", "unifios")
            .contains(platform.toLowerCase(Locale.ROOT)),
        "platform",
        "must be auto, classic or unifi_os");
    problems.require(!timeout.isNegative() && !timeout.isZero(), "timeout", "must be positive");
    problems.require(!minInterval.isNegative(), "min_interval", "must not be negative");
    problems.require(
        !loginBackoff.isNegative() && !loginBackoff.isZero(), "login_backoff", "must be positive");
    problems.require(
        loginBackoffMax.compareTo(loginBackoff) >= 0,
        "login_backoff_max",
        "must be at least login_backoff");
    problems.require(maxResponseBytes > 0, "max_response_bytes", "must be positive");
    for (String site : sites) {
      problems.require(!site.isBlank(), "sites", "site names must not be empty");
    }
  }
}
