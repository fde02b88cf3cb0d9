package io.github.homelabha.adguard.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Invents DNS traffic: queries start now and are written when their answer is due, so a slow
 * upstream answer lands in the log after faster queries that started later (as in AdGuard Home,
 * which stamps an entry with its start time and writes it when it finishes).
 */
final class QueryGenerator {
  static final List<String> UPSTREAMS =
      List.of("https://dns.quad9.net:443/dns-query", "tls://1.1.1.1:853");
  private static final String[] DOMAINS = {
    "example.com",
    "debian.org",
    "deb.debian.org",
    "github.com",
    "api.github.com",
    "grafana.com",
    "wikipedia.org",
    "news.ycombinator.com",
    "youtube.com",
    "i.ytimg.com",
    "netflix.com",
    "time.cloudflare.com",
    "pool.ntp.org",
    "raspberrypi.com",
    "nas.lan",
    "printer.lan",
    "connectivity-check.ubuntu.com",
    "mqtt.home.lan",
    "updates.signal.org",
    "matrix.org"
  };
  private static final String[] BLOCKED = {
    "ads.example", "tracker.example", "doubleclick.net", "telemetry.example", "metrics.example"
  };
  private static final String[] TYPES = {
    "A", "A", "A", "A", "AAAA", "AAAA", "HTTPS", "PTR", "TXT", "MX"
  };

  private record Pending(Instant finish, QueryEntry entry) {}

  private final Clock clock;
  private final Random random;
  private final double slowRatio;
  private final Consumer<QueryEntry> sink;
  private final PriorityQueue<Pending> inFlight =
      new PriorityQueue<>((a, b) -> a.finish().compareTo(b.finish()));
  private volatile boolean protectionEnabled = true;

  /** Share of forwarded queries the upstreams answer SERVFAIL (1 % is a healthy resolver's). */
  private volatile double servfailRatio = 0.01;

  QueryGenerator(Clock clock, long seed, double slowRatio, Consumer<QueryEntry> sink) {
    this.clock = clock;
    this.random = new Random(seed);
    this.slowRatio = slowRatio;
    this.sink = sink;
  }

  void setProtectionEnabled(boolean enabled) {
    this.protectionEnabled = enabled;
  }

  void setServfailRatio(double ratio) {
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("servfail ratio must be between 0 and 1: " + ratio);
    }
    this.servfailRatio = ratio;
  }

  /** Starts {@code count} queries now and writes every query whose answer is due. */
  synchronized void tick(int count) {
    Instant now = clock.instant();
    for (int i = 0; i < count; i++) {
      QueryEntry e = next(now.minusNanos(random.nextInt(1_000_000)));
      inFlight.add(new Pending(e.start().plusNanos(e.elapsedNanos()), e));
    }
    flushDue(now);
  }

  /**
   * Writes {@code count} fast queries at once, started one microsecond apart in write order (for
   * tests that need exact numbers).
   */
  synchronized void writeNow(int count) {
    Instant now = clock.instant();
    for (int i = 0; i < count; i++) {
      QueryEntry e = fast(now.minusNanos(1_000L * (count - i)));
      sink.accept(e);
    }
  }

  /** Queries started but not yet written. */
  synchronized int inFlight() {
    return inFlight.size();
  }

  /** Writes every in-flight query whose answer is due at {@code now}, in finishing order. */
  synchronized void flushDue(Instant now) {
    List<QueryEntry> due = new ArrayList<>();
    while (!inFlight.isEmpty() && !inFlight.peek().finish().isAfter(now)) {
      due.add(inFlight.poll().entry());
    }
    due.forEach(sink);
  }

  /** Forgets in-flight queries (a restart drops what was not answered). */
  synchronized void dropInFlight() {
    inFlight.clear();
  }

  private QueryEntry fast(Instant start) {
    return build(start, 1_000_000L + random.nextInt(20_000_000));
  }

  private QueryEntry next(Instant start) {
    long elapsed =
        random.nextDouble() < slowRatio
            ? 1_000_000_000L + (long) (random.nextDouble() * 3_000_000_000L)
            : 100_000L + random.nextInt(40_000_000);
    return build(start, elapsed);
  }

  private QueryEntry build(Instant start, long elapsedNanos) {
    String client = "192.168.1." + (20 + random.nextInt(10));
    String type = TYPES[random.nextInt(TYPES.length)];
    double r = random.nextDouble();
    if (protectionEnabled && r < 0.15) {
      String domain = BLOCKED[random.nextInt(BLOCKED.length)];
      return new QueryEntry(
          start,
          Math.min(elapsedNanos, 500_000L),
          client,
          domain,
          type,
          "FilteredBlackList",
          "NOERROR",
          "",
          false,
          "||" + domain + "^",
          1,
          "0.0.0.0");
    }
    if (protectionEnabled && r < 0.16) {
      return new QueryEntry(
          start,
          300_000L,
          client,
          "malware.example",
          "A",
          "FilteredSafeBrowsing",
          "NOERROR",
          "",
          false,
          "",
          0,
          "0.0.0.0");
    }
    if (protectionEnabled && r < 0.165) {
      return new QueryEntry(
          start,
          300_000L,
          client,
          "adult.example",
          "A",
          "FilteredParental",
          "NOERROR",
          "",
          false,
          "",
          0,
          "0.0.0.0");
    }
    String domain = DOMAINS[random.nextInt(DOMAINS.length)];
    if (r < 0.18) {
      return new QueryEntry(
          start,
          150_000L,
          client,
          "printer.lan",
          type,
          "NotFilteredWhiteList",
          "NOERROR",
          UPSTREAMS.get(0),
          false,
          "@@||printer.lan^",
          0,
          "192.168.1.5");
    }
    if (r < 0.19) {
      return new QueryEntry(
          start,
          100_000L,
          client,
          "nas.lan",
          "A",
          "Rewrite",
          "NOERROR",
          "",
          false,
          "",
          0,
          "192.168.1.10");
    }
    boolean cached = r < 0.45;
    if (cached) {
      return new QueryEntry(
          start,
          50_000L + random.nextInt(300_000),
          client,
          domain,
          type,
          "NotFilteredNotFound",
          "NOERROR",
          "",
          true,
          "",
          0,
          "93.184.216.34");
    }
    double s = random.nextDouble();
    double servfail = servfailRatio;
    String status = s < servfail ? "SERVFAIL" : s < servfail + 0.05 ? "NXDOMAIN" : "NOERROR";
    String upstream = UPSTREAMS.get(random.nextInt(UPSTREAMS.size()));
    return new QueryEntry(
        start,
        elapsedNanos,
        client,
        domain,
        type,
        "NotFilteredNotFound",
        status,
        upstream,
        false,
        "",
        0,
        status.equals("NOERROR") ? "93.184.216.34" : "");
  }
}
