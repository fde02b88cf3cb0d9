package io.github.homelabha.unifi.simulator;

import java.time.Duration;

/** What the simulator serves and how it misbehaves; every knob has a command-line flag. */
public final class SimulatorSettings {
  /** Which kind of controller to imitate. */
  public enum Mode {
    /** A self-hosted Network application: {@code /api/login}, cookie {@code unifises}. */
    CLASSIC,
    /** A console (UDM, UCG, Cloud Key G2): {@code /api/auth/login}, {@code /proxy/network}. */
    UNIFI_OS
  }

  public volatile Mode mode = Mode.UNIFI_OS;
  public volatile String bindAddress = "127.0.0.1";
  public volatile int port = 0;
  public volatile String username = "admin";
  public volatile String password = "password";

  /** Accepted in the {@code X-API-KEY} header (UniFi OS mode); null: API keys are refused. */
  public volatile String apiKey;

  public volatile int sites = 1;
  public volatile int devices = 12;
  public volatile int clients = 60;
  public volatile long seed = 1;

  /** Added before every answer. */
  public volatile Duration latency = Duration.ZERO;

  /** A session is refused after this long, as a controller's expired cookie is. */
  public volatile Duration sessionTtl = Duration.ofHours(2);

  /** Logins allowed per rolling minute before the console answers 429. */
  public volatile int loginsPerMinute = 5;

  /** The Retry-After seconds sent with a 429; 0 sends none (some consoles send none). */
  public volatile int retryAfterSeconds = 60;

  /** Share of data answers (0..1) replaced by truncated JSON. */
  public volatile double garbageRatio = 0;

  /** Bytes of filler added to every data answer, to test response size limits. */
  public volatile int paddingBytes = 0;

  /**
   * Counters and uptimes stand still (as if 10 minutes had passed), so two runs answer byte for
   * byte the same: for recorded expositions.
   */
  public volatile boolean frozenTime = false;

  /** Every this many data requests the console rotates its CSRF token (UniFi OS); 0 never. */
  public volatile int csrfRotateEvery = 50;

  public SimulatorSettings copy() {
    SimulatorSettings s = new SimulatorSettings();
    s.mode = mode;
    s.bindAddress = bindAddress;
    s.port = port;
    s.username = username;
    s.password = password;
    s.apiKey = apiKey;
    s.sites = sites;
    s.devices = devices;
    s.clients = clients;
    s.seed = seed;
    s.latency = latency;
    s.sessionTtl = sessionTtl;
    s.loginsPerMinute = loginsPerMinute;
    s.retryAfterSeconds = retryAfterSeconds;
    s.garbageRatio = garbageRatio;
    s.paddingBytes = paddingBytes;
    s.csrfRotateEvery = csrfRotateEvery;
    s.frozenTime = frozenTime;
    return s;
  }
}
