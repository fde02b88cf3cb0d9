package io.github.homelabha.unifi.exporter.config;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Secret;
import io.github.homelabha.core.upstream.HttpUpstreamConfig;
import io.github.homelabha.core.upstream.UpstreamTlsConfig;
import io.github.homelabha.unifi.client.Platform;
import io.github.homelabha.unifi.client.tls.TlsOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One UniFi Network controller. The keys every HTTP exporter of this project shares ({@code url},
 * {@code timeout}, {@code basic_auth}, {@code api_key}, {@code tls_config}, {@code backoff}) come
 * from the core's upstream configuration; {@code username} with {@code password} is the same as
 * {@code basic_auth}, spelled as UniFi users know it.
 */
public class ControllerConfig extends HttpUpstreamConfig {
  /** The {@code target} label; defaults to the URL's host. */
  public String name = "";

  /** Site names (as in URLs: {@code default}); empty: every site the account may read. */
  public List<String> sites = new ArrayList<>();

  /** A local read-only account; accounts with 2FA cannot log in from a program. */
  public String username = "";

  /** Or {@code password_file: PATH} (one trailing newline dropped), or {@code password_env}. */
  public Secret password;

  /** {@code auto} (find out), {@code classic} or {@code unifi_os}. */
  public String platform = "auto";

  /**
   * Answers are reused for this long, so several Prometheus servers scraping one exporter cause one
   * poll of the controller; 0 (the default) polls at every scrape.
   */
  public Duration minInterval = Duration.ZERO;

  /** Answers larger than this fail the scrape. */
  public long maxResponseBytes = 64L * 1024 * 1024;

  /** Events of the last hour are counted; off for controllers without {@code stat/event}. */
  public boolean events = true;

  public PerClientConfig perClient = new PerClientConfig();

  public List<NodePortConfig> nodePorts = new ArrayList<>();

  public ControllerConfig() {
    // A console allows about five logins a minute: a refused password is retried after 5 min
    // (the core's default), a 429 after 30 s, both doubling up to an hour.
  }

  public boolean isSet() {
    return url != null && !url.isEmpty();
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

  /** {@code username}/{@code password}, else {@code basic_auth}'s. */
  public String effectiveUsername() {
    return !username.isEmpty() || basicAuth == null ? username : basicAuth.username;
  }

  public Secret effectivePassword() {
    return password != null || basicAuth == null ? password : basicAuth.password;
  }

  /**
   * The core's {@code tls_config} as the UniFi client's TLS options: every key of it. The client
   * certificate is read with the core's PEM reader, so the same key files work as for every other
   * exporter of this project (PKCS#8, PKCS#1 and SEC1 keys).
   *
   * @throws IllegalArgumentException when a file cannot be used (the message names the file)
   */
  public TlsOptions tlsOptions() {
    UpstreamTlsConfig tls = tlsConfig;
    TlsOptions options;
    if (!tls.pinnedSha256.isEmpty()) {
      options = TlsOptions.pinned(tls.pinnedSha256);
    } else if (!tls.caFile.isEmpty()) {
      options = TlsOptions.caFile(Path.of(tls.caFile));
    } else {
      options = tls.insecureSkipVerify ? TlsOptions.insecure() : TlsOptions.systemCa();
    }
    if (!tls.serverName.isEmpty()) {
      options = options.withServerName(tls.serverName);
    }
    if (!tls.certFile.isEmpty()) {
      options = options.withClientCertificate(ClientCertificates.read(tls.certFile, tls.keyFile));
    }
    return options;
  }

  @Override
  public void validate(ConfigProblems problems) {
    super.validate(problems);
    Secret pw = effectivePassword();
    boolean hasPassword = pw != null && !pw.value().isEmpty();
    if (basicAuth != null) {
      problems.require(
          username.isEmpty() && password == null,
          "basic_auth",
          "give username and password or basic_auth, not both");
    }
    if (usesApiKey()) {
      problems.require(
          effectiveUsername().isEmpty() && !hasPassword,
          "api_key",
          "give either api_key or username and password, not both");
      problems.require(
          apiKeyHeader.equalsIgnoreCase("X-API-Key"),
          "api_key_header",
          "UniFi takes API keys in X-API-KEY only");
    } else {
      problems.require(!effectiveUsername().isEmpty(), "username", "required (or api_key_file)");
      problems.require(hasPassword, "password", "required: password_file: PATH (or api_key_file)");
    }
    problems.require(authorization == null, "authorization", "UniFi takes no Authorization header");
    problems.require(
        tlsConfig == null
            || (tlsConfig.caFile.isEmpty() ? 0 : 1)
                    + (tlsConfig.pinnedSha256.isEmpty() ? 0 : 1)
                    + (tlsConfig.insecureSkipVerify ? 1 : 0)
                <= 1,
        "tls_config",
        "set only one of ca_file, pinned_sha256, insecure_skip_verify");
    problems.require(
        List.of("auto", "classic", "unifi_os", "unifi-os", "unifios")
            .contains(platform.toLowerCase(Locale.ROOT)),
        "platform",
        "must be auto, classic or unifi_os");
    problems.require(!minInterval.isNegative(), "min_interval", "must not be negative");
    problems.require(maxResponseBytes > 0, "max_response_bytes", "must be positive");
    for (String site : sites) {
      problems.require(!site.isBlank(), "sites", "site names must not be empty");
    }
  }
}
