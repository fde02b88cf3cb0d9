package io.github.homelabha.core.upstream;

import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import io.github.homelabha.core.api.ExporterSetup;
import io.github.homelabha.core.api.LandingTable;
import io.github.homelabha.core.api.Secret;
import io.github.homelabha.core.scrape.BuildInfo;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the HTTP clients of one exporter: one connection pool for all its targets, each target with
 * its own credentials, TLS settings and backoff. Created once in {@code Exporter.configure} with
 * {@link #create}, which also adds an "Upstreams" section (state and backoff of every client) to
 * the landing page and closes everything at shutdown (sessions log out first).
 *
 * <pre>{@code
 * UpstreamHttp http = UpstreamHttp.create(setup, name());
 * UpstreamClient client = http.client(target.name, target.upstream);
 * }</pre>
 */
public final class UpstreamHttp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UpstreamHttp.class);

  private final OkHttpClient base;
  private final Clock clock;
  private final String userAgent;
  private final Optional<ExporterSetup> setup;
  private final List<UpstreamClient> clients = new CopyOnWriteArrayList<>();
  private final List<LoginSession> sessions = new CopyOnWriteArrayList<>();

  private UpstreamHttp(String exporterName, Clock clock, Optional<ExporterSetup> setup) {
    this.clock = clock;
    this.setup = setup;
    this.userAgent =
        exporterName + "_exporter/" + BuildInfo.load().version() + " (homelab-ha-exporters)";
    this.base =
        new OkHttpClient.Builder()
            // Few targets, scraped every 15-60 s: keep a couple of idle connections briefly.
            .connectionPool(new ConnectionPool(4, 1, TimeUnit.MINUTES))
            .followRedirects(false) // UpstreamClient follows same-host redirects itself
            .followSslRedirects(false)
            // Kept on: a pooled connection the upstream closed meanwhile must not fail a scrape.
            // OkHttp retries only requests that never reached the upstream.
            .retryOnConnectionFailure(true)
            .build();
  }

  /** The clients of one exporter, shown on its landing page and closed at its shutdown. */
  public static UpstreamHttp create(ExporterSetup setup, String exporterName) {
    UpstreamHttp http = new UpstreamHttp(exporterName, Clock.systemUTC(), Optional.of(setup));
    setup.addLandingSection("Upstreams", http::landingTable);
    setup.onClose("upstream HTTP clients", http);
    return http;
  }

  /** Clients outside an exporter (tests, tools); the caller closes them. */
  public static UpstreamHttp standalone(String exporterName, Clock clock) {
    return new UpstreamHttp(exporterName, clock, Optional.empty());
  }

  /** The {@code User-Agent} every request sends, e.g. {@code adguard_exporter/1.2.0 (...)}. */
  public String userAgent() {
    return userAgent;
  }

  /**
   * A client for {@code target} with {@code config}. Fails like a configuration error when the TLS
   * files cannot be used.
   */
  public UpstreamClient client(String target, HttpUpstreamConfig config)
      throws InvalidConfigException {
    HttpUrl url = HttpUrl.parse(config.url.endsWith("/") ? config.url : config.url + "/");
    if (url == null) {
      throw new InvalidConfigException(List.of(target + ": url: not an http(s) URL"));
    }
    OkHttpClient.Builder b =
        base.newBuilder()
            .connectTimeout(config.timeout)
            .readTimeout(config.timeout)
            .writeTimeout(config.timeout);
    if (url.isHttps()) {
      try {
        UpstreamTls tls = UpstreamTls.build(config.tlsConfig);
        b.sslSocketFactory(tls.socketFactory(), tls.trust()).hostnameVerifier(tls.verifier());
      } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
        throw new InvalidConfigException(List.of(target + ": tls_config: " + e.getMessage()));
      }
      if (config.tlsConfig.insecureSkipVerify) {
        log.atWarn()
            .addKeyValue("target", target)
            .log(
                "tls_config.insecure_skip_verify: any certificate is accepted, credentials can be"
                    + " intercepted; pin the certificate with pinned_sha256 instead");
      }
    }
    if (!config.proxyUrl.isEmpty()) {
      UpstreamProxy proxy = UpstreamProxy.parse(config.proxyUrl);
      b.proxy(proxy.proxy());
      if (proxy.user().isPresent()) {
        String header = Credentials.basic(proxy.user().get(), proxy.password().get().value());
        registerSecret(proxy.password().get());
        registerSecret(Secret.of(header));
        b.proxyAuthenticator(
            (route, response) ->
                response.request().header("Proxy-Authorization") != null
                    ? null // refused once: do not loop
                    : response
                        .request()
                        .newBuilder()
                        .header("Proxy-Authorization", header)
                        .build());
      }
    }
    UpstreamClient client =
        new UpstreamClient(target, url, b.build(), credentials(config), config, clock, userAgent);
    clients.add(client);
    return client;
  }

  /** A login session on {@code client}, logged out when the exporter shuts down. */
  public LoginSession session(UpstreamClient client, LoginFlow flow) {
    LoginSession session = client.session(flow);
    sessions.add(session);
    return session;
  }

  private Optional<Map.Entry<String, String>> credentials(HttpUpstreamConfig config) {
    Optional<Map.Entry<String, String>> header = Optional.empty();
    if (config.basicAuth != null) {
      Secret password = config.basicAuth.password;
      header =
          Optional.of(
              Map.entry(
                  "Authorization",
                  Credentials.basic(
                      config.basicAuth.username, password == null ? "" : password.value())));
    } else if (config.authorization != null && config.authorization.credentials != null) {
      header =
          Optional.of(
              Map.entry(
                  "Authorization",
                  config.authorization.type + " " + config.authorization.credentials.value()));
    } else if (config.apiKey != null) {
      header = Optional.of(Map.entry(config.apiKeyHeader, config.apiKey.value()));
    }
    // The encoded header is as secret as the password in it.
    header.ifPresent(h -> registerSecret(Secret.of(h.getValue())));
    return header;
  }

  private void registerSecret(Secret secret) {
    setup.ifPresent(s -> s.registerSecret(secret.value()));
  }

  LandingTable landingTable() {
    List<List<String>> rows = new ArrayList<>();
    for (UpstreamClient c : clients) {
      String state =
          c.backoff().map(s -> Backoff.describeState(s, clock)).orElse("asking at every scrape");
      rows.add(List.of(c.target(), c.url(), state));
    }
    return new LandingTable(List.of("target", "upstream", "state"), rows);
  }

  /** Logs out of every session (newest first), then releases connections and threads. */
  @Override
  public void close() {
    for (int i = sessions.size() - 1; i >= 0; i--) {
      sessions.get(i).close();
    }
    // Requests are synchronous, so the dispatcher never started threads: only sockets to free.
    base.connectionPool().evictAll();
  }
}
