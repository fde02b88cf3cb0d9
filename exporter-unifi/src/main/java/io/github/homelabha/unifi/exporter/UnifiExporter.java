package io.github.homelabha.unifi.exporter;

import io.github.homelabha.core.api.BackgroundTask;
import io.github.homelabha.core.api.ConfigFlag;
import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Exporter;
import io.github.homelabha.core.api.ExporterSetup;
import io.github.homelabha.core.api.LandingTable;
import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.unifi.client.ProxyUrl;
import io.github.homelabha.unifi.client.UnifiClient;
import io.github.homelabha.unifi.exporter.config.ControllerConfig;
import io.github.homelabha.unifi.exporter.config.UnifiConfig;
import io.github.homelabha.unifi.exporter.metrics.ClientCollector;
import io.github.homelabha.unifi.exporter.metrics.ControllerCollector;
import io.github.homelabha.unifi.exporter.metrics.DeviceCollector;
import io.github.homelabha.unifi.exporter.metrics.HealthCollector;
import io.github.homelabha.unifi.exporter.metrics.PortCollector;
import io.github.homelabha.unifi.exporter.metrics.SessionCollector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The UniFi network a cluster depends on: controllers, sites, WAN health, devices, switch ports and
 * clients. One target per controller (its name), plus {@code sessions} for the login counters.
 */
public final class UnifiExporter implements Exporter<UnifiConfig> {

  @Override
  public String name() {
    return "unifi";
  }

  @Override
  public int defaultPort() {
    return 9130;
  }

  @Override
  public String description() {
    return "UniFi Network controllers: WAN health, devices, switch ports, access points, clients.";
  }

  @Override
  public Class<UnifiConfig> configClass() {
    return UnifiConfig.class;
  }

  @Override
  public List<ConfigFlag> flags() {
    return List.of(
        ConfigFlag.value(
            "unifi.url", "unifi.url", "Controller URL, e.g. https://192.168.1.1 (one controller)."),
        ConfigFlag.value("unifi.username", "unifi.username", "Local read-only account."),
        ConfigFlag.value(
            "unifi.password-file",
            "unifi.password_file",
            "File holding the account's password (one trailing newline dropped)."),
        ConfigFlag.value(
            "unifi.api-key-file", "unifi.api_key_file", "File holding an API key (Network 9+)."),
        ConfigFlag.repeatable(
            "unifi.site",
            "unifi.sites",
            "Site to read, e.g. default (repeatable; default all).",
            v -> v),
        ConfigFlag.value(
            "unifi.tls.fingerprint",
            "unifi.tls_config.pinned_sha256",
            "Trust only the certificate with this SHA-256 fingerprint (AA:BB:... or hex)."),
        ConfigFlag.value(
            "unifi.tls.ca-file", "unifi.tls_config.ca_file", "CA certificates (PEM) to trust."),
        ConfigFlag.toggle(
            "unifi.tls.insecure",
            "unifi.tls_config.insecure_skip_verify",
            "Do not check the certificate at all (not recommended; logs a warning)."),
        ConfigFlag.value(
            "unifi.tls.server-name",
            "unifi.tls_config.server_name",
            "Name to send as SNI and to check the certificate against instead of the URL's host."),
        ConfigFlag.value(
            "unifi.tls.cert-file",
            "unifi.tls_config.cert_file",
            "Client certificate (PEM) for a controller or proxy that asks for one."),
        ConfigFlag.value(
            "unifi.tls.key-file",
            "unifi.tls_config.key_file",
            "Private key (PEM) of --unifi.tls.cert-file; not readable by other users."),
        ConfigFlag.value(
            "unifi.proxy-url",
            "unifi.proxy_url",
            "Proxy to reach the controller through: http://host:port or socks5://host:port"
                + " (a proxy password belongs in the config file, not on the command line)."));
  }

  @Override
  public List<MetricFamily> metricFamilies() {
    return Stream.of(
            ControllerCollector.FAMILIES,
            HealthCollector.FAMILIES,
            DeviceCollector.FAMILIES,
            PortCollector.FAMILIES,
            ClientCollector.FAMILIES,
            SessionCollector.FAMILIES)
        .flatMap(List::stream)
        .toList();
  }

  @Override
  public void configure(UnifiConfig config, ExporterSetup setup)
      throws ConfigProblems.InvalidConfigException {
    ConfigProblems problems = new ConfigProblems();
    List<ControllerTarget> targets = new ArrayList<>();
    List<ControllerConfig> all = config.all();
    for (int i = 0; i < all.size(); i++) {
      ControllerConfig c = all.get(i);
      if (!c.proxyUrl.isEmpty()) {
        // Validated already; the password in it must be masked wherever it could be logged.
        ProxyUrl.parse(c.proxyUrl).password().ifPresent(setup::registerSecret);
      }
      try {
        targets.add(new ControllerTarget(c, newClient(c)));
      } catch (IllegalArgumentException e) {
        String where = i < config.controllers.size() ? "controllers[" + i + "]" : "unifi";
        problems.add(where + ".tls_config", e.getMessage());
      }
    }
    problems.throwIfAny();
    targets.forEach(setup::addTarget);
    setup.addTarget(new SessionsTarget(targets));
    setup.addTask(new LogoutTask(targets));
    setup.addLandingSection("Controllers", () -> controllersTable(targets));
  }

  /**
   * The core's upstream options (tls_config, proxy_url, backoff, timeout) mapped onto the UniFi
   * client.
   */
  static UnifiClient newClient(ControllerConfig c) {
    Duration connect =
        c.timeout.compareTo(Duration.ofSeconds(5)) < 0 ? c.timeout : Duration.ofSeconds(5);
    UnifiClient.Builder b =
        UnifiClient.builder(c.url)
            .platform(c.parsedPlatform())
            .tls(c.tlsOptions())
            .connectTimeout(connect)
            .callTimeout(c.timeout)
            .maxResponseBytes(c.maxResponseBytes)
            .backoff(c.backoff.auth, c.backoff.rateLimited, c.backoff.max);
    if (!c.proxyUrl.isEmpty()) {
      b.proxy(c.proxyUrl);
    }
    if (c.usesApiKey()) {
      b.apiKey(c.apiKey.value());
    } else {
      b.credentials(c.effectiveUsername(), c.effectivePassword().value());
    }
    return b.build();
  }

  private static LandingTable controllersTable(List<ControllerTarget> targets) {
    List<List<String>> rows = new ArrayList<>();
    for (ControllerTarget t : targets) {
      var stats = t.client().stats();
      rows.add(
          List.of(
              t.name(),
              t.client().endpoint(),
              t.client().platform().name().toLowerCase(java.util.Locale.ROOT),
              Long.toString(stats.loginAttempts()),
              Long.toString(stats.rateLimited()),
              stats.loginPausedUntil().isAfter(Instant.now())
                  ? "backing off, nothing sent before " + stats.loginPausedUntil()
                  : "ok"));
    }
    return new LandingTable(
        List.of("controller", "url", "platform", "logins", "429 answers", "state"), rows);
  }

  /** Logs out of every controller at shutdown, so sessions do not pile up on the console. */
  private record LogoutTask(List<ControllerTarget> targets) implements BackgroundTask {
    @Override
    public String name() {
      return "unifi-logout";
    }

    @Override
    public void start() {}

    @Override
    public void stop() {
      targets.forEach(t -> t.client().close());
    }
  }
}
