package io.github.homelabha.adguard.simulator;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command-line options of the simulator; also built directly by tests. */
@Command(
    name = "adguard-simulator",
    mixinStandardHelpOptions = true,
    description = {
      "Serves AdGuard Home's HTTP API (v0.107, /control/...) with a live query log, statistics and"
          + " configuration, for tests and demos. Faults are switched at run time through"
          + " POST /simulator/... (see the module README)."
    })
public final class SimulatorOptions {

  @Option(
      names = "--listen-address",
      defaultValue = "127.0.0.1:3000",
      description = "HOST:PORT to listen on (default ${DEFAULT-VALUE}); port 0 picks a free port.")
  String listenAddress = "127.0.0.1:3000";

  @Option(
      names = "--username",
      defaultValue = "admin",
      description = "Administrator name (default ${DEFAULT-VALUE}).")
  String username = "admin";

  @Option(
      names = "--password-file",
      description = "File holding the administrator password (one trailing newline dropped).")
  Path passwordFile;

  @Option(
      names = "--password",
      defaultValue = "admin",
      description = "Administrator password when no --password-file is given.")
  String password = "admin";

  @Option(
      names = "--query-rate",
      defaultValue = "5",
      description = "DNS queries logged per second (default ${DEFAULT-VALUE}; 0 for none).")
  double queryRate = 5;

  @Option(
      names = "--slow-query-ratio",
      defaultValue = "0.01",
      description =
          "Share of queries whose upstream answers after 1 to 4 s (default ${DEFAULT-VALUE}):"
              + " they are logged late with their start time, as AdGuard Home does.")
  double slowQueryRatio = 0.01;

  @Option(
      names = "--querylog-capacity",
      defaultValue = "100000",
      description =
          "Entries kept before the oldest half is rotated away (default ${DEFAULT-VALUE}).")
  int querylogCapacity = 100_000;

  @Option(
      names = "--drift-period",
      defaultValue = "0s",
      description =
          "Every period a configuration drift appears (a user rule and a rewrite) and is repaired"
              + " half a period later, e.g. 4m (default off).")
  String driftPeriod = "0s";

  @Option(
      names = "--auth-failure-status",
      defaultValue = "401",
      description =
          "Status for a wrong Basic password: 401 (v0.107.7x, counts toward the lock-out) or 403"
              + " (older releases, not counted). Default ${DEFAULT-VALUE}.")
  int authFailureStatus = 401;

  @Option(
      names = "--lockout",
      defaultValue = "15m",
      description =
          "How long a client is locked out after 5 failed logins (default ${DEFAULT-VALUE}).")
  String lockout = "15m";

  @Option(
      names = "--version-string",
      defaultValue = "v0.107.79",
      description = "Version reported in /control/status (default ${DEFAULT-VALUE}).")
  String versionString = "v0.107.79";

  @Option(
      names = "--time-offset",
      defaultValue = "Z",
      description =
          "UTC offset of the query log's timestamps, e.g. +01:00 (default ${DEFAULT-VALUE}).")
  String timeOffset = "Z";

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the traffic generator (default ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(
      names = "--name",
      defaultValue = "adguard",
      description = "Name used in log lines and as this node's DHCP interface suffix.")
  String name = "adguard";

  InetSocketAddress listenSocketAddress() {
    int colon = listenAddress.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("--listen-address must be HOST:PORT: " + listenAddress);
    }
    String host = listenAddress.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = Integer.parseInt(listenAddress.substring(colon + 1));
    return new InetSocketAddress(host.isEmpty() ? "127.0.0.1" : host, port);
  }

  String resolvedPassword() throws java.io.IOException {
    if (passwordFile == null) {
      return password;
    }
    String s = Files.readString(passwordFile, StandardCharsets.UTF_8);
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }

  ZoneOffset zoneOffset() {
    return ZoneOffset.of(timeOffset);
  }

  Duration driftPeriodDuration() {
    return Durations.parse(driftPeriod);
  }

  Duration lockoutDuration() {
    return Durations.parse(lockout);
  }

  /** Options for tests: a free port on 127.0.0.1, no background traffic. */
  public static SimulatorOptions forTests() {
    SimulatorOptions o = new SimulatorOptions();
    o.listenAddress = "127.0.0.1:0";
    o.queryRate = 0;
    return o;
  }

  public SimulatorOptions withCredentials(String user, String pass) {
    this.username = user;
    this.password = pass;
    this.passwordFile = null;
    return this;
  }

  public SimulatorOptions withQueryRate(double rate) {
    this.queryRate = rate;
    return this;
  }

  public SimulatorOptions withSlowQueryRatio(double ratio) {
    this.slowQueryRatio = ratio;
    return this;
  }

  public SimulatorOptions withAuthFailureStatus(int status) {
    this.authFailureStatus = status;
    return this;
  }

  public SimulatorOptions withQuerylogCapacity(int capacity) {
    this.querylogCapacity = capacity;
    return this;
  }

  public SimulatorOptions withSeed(long s) {
    this.seed = s;
    return this;
  }

  public SimulatorOptions withName(String n) {
    this.name = n;
    return this;
  }

  public SimulatorOptions withTimeOffset(String offset) {
    this.timeOffset = offset;
    return this;
  }
}
