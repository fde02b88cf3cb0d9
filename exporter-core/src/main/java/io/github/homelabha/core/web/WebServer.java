package io.github.homelabha.core.web;

import io.github.homelabha.core.scrape.ScrapeEngine;
import io.github.homelabha.core.secrets.Redactor;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.exporter.servlet.jakarta.HttpExchangeAdapter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP side of an exporter: {@code /metrics} (client_java's scrape handler: text or OpenMetrics
 * by content negotiation, gzip when asked), {@code /probe?target=}, the landing page, {@code
 * /-/healthy}, {@code /-/ready} and the exporter's JSON endpoints, behind the web configuration's
 * TLS and basic auth.
 */
public final class WebServer {
  /** A JSON endpoint; the body is produced (and redacted) at request time. */
  public record JsonEndpoint(String path, Supplier<String> body) {}

  private final Javalin app;
  private final ServerConnector[] connector = new ServerConnector[1];
  private final Server[] server = new Server[1];
  private final ListenAddress address;

  public WebServer(
      ListenAddress address,
      String telemetryPath,
      WebSecurity security,
      PrometheusRegistry registry,
      PrometheusRegistry probeRegistry,
      ScrapeEngine engine,
      LandingPage landing,
      List<JsonEndpoint> jsonEndpoints,
      BooleanSupplier ready,
      Redactor redactor) {
    this.address = address;
    JettyMemoryLayout.describe();
    PrometheusScrapeHandler metrics = new PrometheusScrapeHandler(registry);
    PrometheusScrapeHandler probe = new PrometheusScrapeHandler(probeRegistry);
    this.app =
        Javalin.create(
            cfg -> {
              applyServerDefaults(cfg);
              cfg.jetty.addConnector(
                  (server, http) -> {
                    http.setSendServerVersion(false);
                    ServerConnector c = security.connector(server, http, address);
                    if (c == null) {
                      // No acceptor thread: the selector accepts too, one thread less per port.
                      c = new ServerConnector(server, 0, 1, new HttpConnectionFactory(http));
                      c.setHost(address.host());
                      c.setPort(address.port());
                    }
                    connector[0] = c;
                    return c;
                  });
              cfg.jetty.modifyServer(s -> server[0] = s);
              cfg.routes.before(ctx -> security.check(ctx));
              cfg.routes.get(
                  telemetryPath,
                  ctx ->
                      metrics.handleRequest(
                          FastGzipExchange.of(new HttpExchangeAdapter(ctx.req(), ctx.res()))));
              cfg.routes.get(
                  "/probe",
                  ctx -> {
                    String target = ctx.queryParam("target");
                    if (target == null || engine.scraper(target).isEmpty()) {
                      String known =
                          engine.scrapers().stream()
                              .map(s -> s.target().name())
                              .collect(Collectors.joining(", "));
                      ctx.status(HttpStatus.BAD_REQUEST)
                          .contentType("text/plain; charset=utf-8")
                          .result(
                              (target == null ? "missing ?target=" : "unknown target")
                                  + "; configured targets: "
                                  + known
                                  + "\n");
                      return;
                    }
                    probe.handleRequest(
                        FastGzipExchange.of(new HttpExchangeAdapter(ctx.req(), ctx.res())));
                  });
              cfg.routes.get("/", ctx -> ctx.html(landing.render(engine.budget(null))));
              cfg.routes.get("/-/healthy", ctx -> text(ctx, HttpStatus.OK, "Healthy"));
              cfg.routes.get(
                  "/-/ready",
                  ctx -> {
                    if (ready.getAsBoolean()) {
                      text(ctx, HttpStatus.OK, "Ready");
                    } else {
                      text(ctx, HttpStatus.SERVICE_UNAVAILABLE, "Not ready");
                    }
                  });
              for (JsonEndpoint j : jsonEndpoints) {
                cfg.routes.get(
                    j.path(),
                    ctx ->
                        ctx.contentType("application/json; charset=utf-8")
                            .result(redactor.redact(j.body().get())));
              }
            });
  }

  /**
   * The server settings every exporter gets, apart from its connector and routes: no banner, no
   * compression by Javalin, and its own small thread pool. Public so that the benchmark's floor
   * ({@code BareServers} in ha-exporters) runs exactly the set-up the exporters run.
   */
  public static void applyServerDefaults(JavalinConfig cfg) {
    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    // The scrape endpoints compress themselves (FastGzipExchange); the rest is small.
    cfg.http.compressionStrategy = CompressionStrategy.NONE;
    // A handful of threads is plenty for a scrape every few seconds, and each costs stack memory
    // on a 1 GiB Pi. Each exporter has its own, even with several in one JVM: requests hanging on
    // one exporter's slow upstream must not take the threads another exporter's scrapes need.
    QueuedThreadPool threads = new QueuedThreadPool(16, 2, 60_000);
    threads.setName("http");
    // No threads parked in reserve for the selector to hand work to: at a scrape every few
    // seconds they only add stacks (one or two per exporter).
    threads.setReservedThreads(0);
    cfg.jetty.threadPool = threads;
  }

  private static void text(Context ctx, HttpStatus status, String body) {
    ctx.status(status).contentType("text/plain; charset=utf-8").result(body + "\n");
  }

  public void start() {
    app.start();
  }

  /** The port actually bound (differs from the configured one when that was 0). */
  public int port() {
    return connector[0] == null ? address.port() : connector[0].getLocalPort();
  }

  /**
   * Stops the server, letting requests in progress finish for up to {@code grace} (Jetty waits that
   * long for idle keep-alive connections too, so tests pass zero).
   */
  public void stop(java.time.Duration grace) {
    if (server[0] != null) {
      server[0].setStopTimeout(grace.toMillis());
    }
    app.stop();
  }
}
