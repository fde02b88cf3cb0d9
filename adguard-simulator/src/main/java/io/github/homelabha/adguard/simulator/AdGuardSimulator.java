package io.github.homelabha.adguard.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * A stand-in for one AdGuard Home instance: its {@code /control/} API as published in the OpenAPI
 * spec, fed by invented live DNS traffic, plus {@code /simulator/} endpoints that switch faults on
 * and off. Runs as its own process ({@link #main}) or inside a test ({@link #start}).
 */
public final class AdGuardSimulator implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SimulatorOptions options;
  private final Clock clock = Clock.systemUTC();
  private final QueryLog queryLog;
  private final Statistics statistics;
  private final SimulatedConfig config;
  private final QueryGenerator generator;
  private final Authenticator authenticator;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService httpThreads = Executors.newFixedThreadPool(8, daemon("http"));
  private final Object serverLock = new Object();
  private volatile HttpServer server;
  private volatile InetSocketAddress boundAddress;
  private volatile Instant startTime;
  private volatile Fault fault = Fault.NONE;
  private volatile Duration slowDelay = Duration.ofSeconds(30);
  private volatile boolean closed;

  private AdGuardSimulator(SimulatorOptions options) throws IOException {
    this.options = options;
    this.queryLog = new QueryLog(options.querylogCapacity);
    this.statistics = new Statistics(clock);
    this.config = new SimulatedConfig(clock, options.name);
    this.generator =
        new QueryGenerator(
            clock,
            options.seed,
            options.slowQueryRatio,
            e -> {
              queryLog.write(e);
              statistics.record(e);
            });
    this.authenticator =
        new Authenticator(
            clock,
            options.username,
            options.resolvedPassword(),
            options.authFailureStatus,
            options.lockoutDuration());
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("traffic"));
  }

  /** Starts a simulator; it serves until {@link #close()}. */
  public static AdGuardSimulator start(SimulatorOptions options) throws IOException {
    if (options.authFailureStatus != 401 && options.authFailureStatus != 403) {
      throw new IllegalArgumentException("--auth-failure-status must be 401 or 403");
    }
    AdGuardSimulator sim = new AdGuardSimulator(options);
    sim.bind(options.listenSocketAddress());
    sim.startTraffic();
    return sim;
  }

  public static void main(String[] args) throws Exception {
    SimulatorOptions options = new SimulatorOptions();
    CommandLine cli = new CommandLine(options);
    try {
      CommandLine.ParseResult parsed = cli.parseArgs(args);
      if (CommandLine.printHelpIfRequested(parsed)) {
        return;
      }
    } catch (CommandLine.ParameterException e) {
      System.err.println(e.getMessage());
      cli.usage(System.err);
      System.exit(2);
    }
    AdGuardSimulator sim;
    try {
      sim = start(options);
    } catch (IOException | IllegalArgumentException | java.time.DateTimeException e) {
      System.err.println("adguard-simulator: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "shutdown"));
    System.out.println(
        "adguard-simulator "
            + options.name
            + " listening on "
            + sim.baseUrl()
            + " (user "
            + options.username
            + ", "
            + options.queryRate
            + " queries/s)");
    System.out.flush();
    new CountDownLatch(1).await();
  }

  /** {@code http://host:port}, without a trailing slash. */
  public String baseUrl() {
    InetSocketAddress a = boundAddress;
    String host = a.getAddress().getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  public int port() {
    return boundAddress.getPort();
  }

  private void bind(InetSocketAddress address) throws IOException {
    synchronized (serverLock) {
      HttpServer s = HttpServer.create(address, 64);
      SimulatorHttpHandler handler = new SimulatorHttpHandler(this);
      s.createContext("/", handler);
      s.setExecutor(httpThreads);
      s.start();
      server = s;
      boundAddress = s.getAddress();
      startTime = clock.instant();
    }
  }

  private void startTraffic() {
    final long tickMillis = 20;
    final double[] carry = {0};
    scheduler.scheduleAtFixedRate(
        () -> {
          if (server == null) {
            return;
          }
          carry[0] += options.queryRate * tickMillis / 1000.0;
          int n = (int) carry[0];
          carry[0] -= n;
          generator.tick(n);
        },
        tickMillis,
        tickMillis,
        TimeUnit.MILLISECONDS);
    Duration drift = options.driftPeriodDuration();
    if (!drift.isZero()) {
      long half = Math.max(1, drift.toMillis() / 2);
      scheduler.scheduleAtFixedRate(
          () -> config.setDrifted(!config.drifted()), half, half, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Stops serving for {@code downtime} (connections refused), then comes back with a new start
   * time. The query log and statistics survive, as AdGuard Home keeps them on disk; queries that
   * were in flight are lost.
   */
  public void restart(Duration downtime) {
    InetSocketAddress address = boundAddress;
    synchronized (serverLock) {
      HttpServer s = server;
      server = null;
      if (s != null) {
        s.stop(0);
      }
      generator.dropInFlight();
    }
    scheduler.schedule(
        () -> {
          if (closed) {
            return;
          }
          try {
            bind(address);
          } catch (IOException e) {
            System.err.println("adguard-simulator: restart failed: " + e.getMessage());
          }
        },
        downtime.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** True while the API is serving (false during a simulated restart). */
  public boolean serving() {
    return server != null;
  }

  @Override
  public void close() {
    closed = true;
    synchronized (serverLock) {
      if (server != null) {
        server.stop(0);
        server = null;
      }
    }
    scheduler.shutdownNow();
    httpThreads.shutdownNow();
  }

  // ---- knobs, used by the /simulator/ endpoints and by tests in-process ----

  /** Writes {@code count} queries at once. */
  public void writeQueries(int count) {
    generator.writeNow(count);
  }

  /** Starts {@code count} queries now (some slow) and writes those that are due. */
  public void startQueries(int count) {
    generator.tick(count);
  }

  public void clearQueryLog() {
    queryLog.clear();
  }

  public void rotateQueryLog() {
    queryLog.rotate();
  }

  public void setFault(Fault f, Duration delay) {
    this.fault = f;
    if (delay != null) {
      this.slowDelay = delay;
    }
  }

  public void setDrift(boolean on) {
    config.setDrifted(on);
  }

  public void setProtection(boolean enabled, long durationMillis) {
    config.setProtection(enabled, durationMillis);
    generator.setProtectionEnabled(config.protectionEnabled());
  }

  /**
   * Makes the upstreams answer this share (0 to 1) of the queries they get SERVFAIL, as a failing
   * resolver or a broken way to it does.
   */
  public void setUpstreamServfailRatio(double ratio) {
    generator.setServfailRatio(ratio);
  }

  public void setFilterListsUpdated(Instant when) {
    config.setFiltersUpdated(when);
  }

  public void unlockLogins() {
    authenticator.unlockAll();
  }

  public void dropSessions() {
    authenticator.dropSessions();
  }

  /** Queries ever written to the log, including cleared and rotated ones. */
  public long queriesLogged() {
    return queryLog.writtenTotal();
  }

  /** Basic-auth checks and {@code /control/login} calls, successful or not. */
  public long loginAttempts() {
    return authenticator.loginAttempts();
  }

  public long failedLogins() {
    return authenticator.failedAttempts();
  }

  Map<String, Object> counters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("queries_logged", queryLog.writtenTotal());
    m.put("querylog_size", queryLog.size());
    m.put("queries_in_flight", generator.inFlight());
    m.put("login_attempts", authenticator.loginAttempts());
    m.put("failed_logins", authenticator.failedAttempts());
    m.put("drifted", config.drifted());
    m.put("protection_enabled", config.protectionEnabled());
    m.put("fault", fault.name().toLowerCase());
    return m;
  }

  // ---- accessors for the HTTP handler ----

  SimulatorOptions options() {
    return options;
  }

  Clock clock() {
    return clock;
  }

  QueryLog queryLog() {
    return queryLog;
  }

  Statistics statistics() {
    return statistics;
  }

  SimulatedConfig config() {
    return config;
  }

  Authenticator authenticator() {
    return authenticator;
  }

  Instant startTime() {
    return startTime;
  }

  Fault fault() {
    return fault;
  }

  Duration slowDelay() {
    return slowDelay;
  }

  static ObjectMapper json() {
    return JSON;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, "adguard-simulator-" + name);
      t.setDaemon(true);
      return t;
    };
  }
}
