package io.github.homelabha.launcher.bench;

import io.github.homelabha.core.web.WebServer;
import io.javalin.Javalin;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.exporter.servlet.jakarta.HttpExchangeAdapter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The floor under the all-in-one's memory and start-up: one Javalin server per port given, each
 * with its own registry and with {@code WebServer}'s server settings and thread pool, serving one
 * counter of its own scrapes. No configuration, no flags, no logging set-up, no upstream client, no
 * exporter code. {@code bench/ha-exporters-bench.sh} runs it beside the exporters with the same JVM
 * flags, archive and scrapes, so the difference between the two is what the exporters themselves
 * cost.
 *
 * <p>Usage: {@code java -cp ha-exporters.jar:bare.jar
 * io.github.homelabha.launcher.bench.BareServers PORT...} (listens on 127.0.0.1).
 */
public final class BareServers {
  private BareServers() {}

  public static void main(String[] args) {
    for (String port : args) {
      start(Integer.parseInt(port));
    }
  }

  private static void start(int port) {
    PrometheusRegistry registry = new PrometheusRegistry();
    Counter scrapes =
        Counter.builder()
            .name("bare_scrapes_total")
            .help("Scrapes this server answered.")
            .register(registry);
    PrometheusScrapeHandler handler = new PrometheusScrapeHandler(registry);
    Javalin.create(
            cfg -> {
              WebServer.applyServerDefaults(cfg);
              cfg.routes.get(
                  "/metrics",
                  ctx -> {
                    scrapes.inc();
                    handler.handleRequest(new HttpExchangeAdapter(ctx.req(), ctx.res()));
                  });
            })
        .start("127.0.0.1", port);
  }
}
