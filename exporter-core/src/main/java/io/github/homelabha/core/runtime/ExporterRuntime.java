package io.github.homelabha.core.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.homelabha.core.api.BackgroundTask;
import io.github.homelabha.core.api.Exporter;
import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.Target;
import io.github.homelabha.core.config.ConfigLoader;
import io.github.homelabha.core.logging.LogRedaction;
import io.github.homelabha.core.scrape.BuildInfo;
import io.github.homelabha.core.scrape.EngineCollectors;
import io.github.homelabha.core.scrape.JvmExporterMetrics;
import io.github.homelabha.core.scrape.ScrapeEngine;
import io.github.homelabha.core.scrape.SelfMetrics;
import io.github.homelabha.core.scrape.TargetScraper;
import io.github.homelabha.core.secrets.Redactor;
import io.github.homelabha.core.tasks.DaemonThreads;
import io.github.homelabha.core.web.LandingPage;
import io.github.homelabha.core.web.WebSecurity;
import io.github.homelabha.core.web.WebServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running exporter: its targets, scrape engine, registries, web server and background tasks.
 * Holds no static state, so several can run in one JVM.
 */
public final class ExporterRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExporterRuntime.class);

  private final String name;
  private final WebServer web;
  private final List<BackgroundTask> tasks;
  private final List<BackgroundTask> started = new ArrayList<>();
  private final List<SetupCollector.Closeable> closeables;

  /** The exporter's own scrape pool, stopped with it; null when shared with other exporters. */
  private final ExecutorService pool;

  private final Redactor redactor;
  private volatile boolean ready;
  private volatile boolean closed;

  private ExporterRuntime(
      String name,
      WebServer web,
      List<BackgroundTask> tasks,
      List<SetupCollector.Closeable> closeables,
      ExecutorService pool,
      Redactor redactor) {
    this.name = name;
    this.web = web;
    this.tasks = tasks;
    this.closeables = closeables;
    this.pool = pool;
    this.redactor = redactor;
  }

  /**
   * Builds the exporter from its configuration and starts serving. {@code redactor} already holds
   * the configuration's secrets.
   */
  public static <C> ExporterRuntime start(
      Exporter<C> exporter,
      C config,
      RuntimeOptions options,
      WebSecurity security,
      Redactor redactor)
      throws Exception {
    return start(exporter, config, options, security, redactor, null);
  }

  /**
   * As {@link #start(Exporter, Object, RuntimeOptions, WebSecurity, Redactor)}, with the scrape and
   * HTTP threads taken from {@code shared} (null: the exporter's own) when several exporters run in
   * one JVM.
   */
  public static <C> ExporterRuntime start(
      Exporter<C> exporter,
      C config,
      RuntimeOptions options,
      WebSecurity security,
      Redactor redactor,
      SharedResources shared)
      throws Exception {
    LogRedaction.add(redactor);
    SetupCollector setup = new SetupCollector(redactor);
    try {
      exporter.configure(config, setup);
    } catch (Exception | Error e) {
      closeAll(setup.closeables);
      throw e;
    }

    boolean ownPool = shared == null;
    ExecutorService pool =
        ownPool
            ? Executors.newCachedThreadPool(DaemonThreads.named(exporter.name() + "-scrape"))
            : shared.scrapePool();
    Clock clock = Clock.systemUTC();
    Set<MetricFamily> declared = Set.copyOf(exporter.metricFamilies());
    List<TargetScraper> scrapers = new ArrayList<>();
    for (Target t : setup.targets) {
      scrapers.add(new TargetScraper(t, declared, pool, redactor, clock));
    }
    BuildInfo build = BuildInfo.load();
    ScrapeEngine engine =
        new ScrapeEngine(
            scrapers,
            new SelfMetrics(exporter.namespace(), exporter.name(), build),
            pool,
            options.scrapeTimeout(),
            options.timeoutOffset());

    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(EngineCollectors.all(engine, exporter.metricFamilies()));
    if (options.exporterMetrics()) {
      JvmExporterMetrics.register(registry);
    }
    PrometheusRegistry probeRegistry = new PrometheusRegistry();
    probeRegistry.register(EngineCollectors.probe(engine));

    List<WebServer.JsonEndpoint> endpoints = new ArrayList<>();
    List<LandingPage.Link> links = new ArrayList<>();
    for (SetupCollector.Json j : setup.json) {
      endpoints.add(new WebServer.JsonEndpoint(j.path(), () -> writeJson(j.body().get())));
      links.add(new LandingPage.Link(j.path(), j.description()));
    }
    List<LandingPage.Section> sections =
        setup.sections.stream().map(s -> new LandingPage.Section(s.title(), s.table())).toList();
    LandingPage landing =
        new LandingPage(
            exporter.name() + "_exporter",
            exporter.description(),
            build,
            options.telemetryPath(),
            engine,
            links,
            sections,
            redactor,
            clock);

    ExporterRuntime[] self = new ExporterRuntime[1];
    WebServer web =
        new WebServer(
            options.listenAddress(),
            options.telemetryPath(),
            security,
            registry,
            probeRegistry,
            engine,
            landing,
            endpoints,
            () -> self[0] != null && self[0].ready,
            redactor);
    ExporterRuntime runtime =
        new ExporterRuntime(
            exporter.name(),
            web,
            List.copyOf(setup.tasks),
            List.copyOf(setup.closeables),
            ownPool ? pool : null,
            redactor);
    self[0] = runtime;
    try {
      web.start();
      runtime.startTasks();
    } catch (Exception | Error e) {
      runtime.close(java.time.Duration.ZERO);
      throw e;
    }
    runtime.ready = true;
    log.atInfo()
        .addKeyValue("exporter", exporter.name())
        .addKeyValue(
            "address",
            options.listenAddress().host() == null
                ? ":" + web.port()
                : options.listenAddress().host() + ":" + web.port())
        .addKeyValue("targets", setup.targets.size())
        .addKeyValue("version", build.version())
        .log("listening");
    return runtime;
  }

  private void startTasks() throws Exception {
    for (BackgroundTask t : tasks) {
      t.start();
      started.add(t);
    }
  }

  /**
   * The JSON endpoints' mapper, built at the first request: an exporter started without a
   * configuration file never needs Jackson otherwise, and loading it costs start-up time and
   * memory.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = ConfigLoader.jsonMapper();
  }

  private static String writeJson(Object body) {
    try {
      return Json.MAPPER.writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("JSON endpoint body cannot be serialized", e);
    }
  }

  /** The port the server listens on. */
  public int port() {
    return web.port();
  }

  public String name() {
    return name;
  }

  /** Stops tasks (newest first), then the server, with a grace period of 3 s for scrapes. */
  @Override
  public void close() {
    close(java.time.Duration.ofSeconds(3));
  }

  /**
   * Stops tasks (newest first), then the server, then closes the registered resources (newest
   * first); safe to call twice.
   */
  public synchronized void close(java.time.Duration grace) {
    if (closed) {
      return;
    }
    closed = true;
    ready = false;
    log.atInfo().addKeyValue("exporter", name).log("shutting down");
    for (int i = started.size() - 1; i >= 0; i--) {
      BackgroundTask t = started.get(i);
      try {
        t.stop();
      } catch (RuntimeException e) {
        log.atWarn().addKeyValue("task", t.name()).setCause(e).log("task did not stop cleanly");
      }
    }
    try {
      web.stop(grace);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
      closeAll(closeables);
      LogRedaction.remove(redactor);
    }
  }

  /** Closes what the exporter registered, newest first; one failure does not stop the rest. */
  private static void closeAll(List<SetupCollector.Closeable> closeables) {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      SetupCollector.Closeable c = closeables.get(i);
      try {
        c.resource().close();
      } catch (Exception e) {
        log.atWarn().addKeyValue("resource", c.name()).setCause(e).log("did not close cleanly");
      }
    }
  }
}
