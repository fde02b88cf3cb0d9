package io.github.homelabha.drill.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.homelabha.drill.config.DrillConfig;
import io.github.homelabha.drill.config.NodeConfig;
import io.github.homelabha.drill.config.ServiceConfig;
import io.github.homelabha.drill.report.DrillReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The drill's phases against simulated exporters and a simulated service: the commands flip the
 * simulation as keepalived and a stopped service would, on a known schedule.
 */
class DrillRunnerTest {
  @StartStop final MockWebServer exporterA = new MockWebServer();
  @StartStop final MockWebServer exporterB = new MockWebServer();
  @StartStop final MockWebServer service = new MockWebServer();

  private final AtomicReference<String> master = new AtomicReference<>("a");
  private final AtomicBoolean keepalivedUpOnB = new AtomicBoolean(true);
  private final AtomicBoolean serviceUp = new AtomicBoolean(true);
  private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
  private final ScheduledExecutorService cluster = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopSimulation() {
    cluster.shutdownNow();
  }

  private void simulate() {
    exporterA.setDispatcher(exporter("a"));
    exporterB.setDispatcher(exporter("b"));
    service.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder()
                .code(serviceUp.get() ? 200 : 503)
                .body(serviceUp.get() ? "ok" : "down")
                .build();
          }
        });
  }

  private Dispatcher exporter(String node) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        boolean up = !node.equals("b") || keepalivedUpOnB.get();
        String text =
            "# TYPE keepalived_up gauge\nkeepalived_up "
                + (up ? 1 : 0)
                + "\n"
                + (up
                    ? "keepalived_vrrp_instance_state{iname=\"VI_1\"} "
                        + (node.equals(master.get()) ? 2 : 1)
                        + "\n"
                    : "");
        return new MockResponse.Builder().body(text).build();
      }
    };
  }

  /**
   * When each simulated event really happened (System.nanoTime): a busy machine can run the
   * scheduled flips late, and the drill must measure what happened, not what was planned.
   */
  private final Map<String, Long> happened = new ConcurrentHashMap<>();

  /** fail: the service stops, B takes over after 300 ms, the service answers again after 600 ms. */
  private final CommandRunner commands =
      new CommandRunner() {
        @Override
        public Outcome run(List<String> argv, Duration limit) {
          ran.add(String.join(" ", argv));
          if (argv.get(0).equals("fail")) {
            happened.put("fail", System.nanoTime());
            serviceUp.set(false);
            at("switch", 300, () -> master.set("b"));
            at("service back", 600, () -> serviceUp.set(true));
          } else if (argv.get(0).equals("restore")) {
            happened.put("restore", System.nanoTime());
            at("switch back", 200, () -> master.set("a"));
          }
          return new Outcome(0, "", null);
        }
      };

  private void at(String event, long delayMs, Runnable flip) {
    cluster.schedule(
        () -> {
          flip.run();
          happened.put(event, System.nanoTime());
        },
        delayMs,
        TimeUnit.MILLISECONDS);
  }

  /** Seconds from one simulated event to another, as they really happened. */
  private double secondsBetween(String from, String to) {
    return (happened.get(to) - happened.get(from)) / 1e9;
  }

  private DrillConfig config(boolean switchHappens) {
    DrillConfig c = new DrillConfig();
    c.name = "unit";
    c.probeInterval = Duration.ofMillis(50);
    c.settle = Duration.ofMillis(500);
    c.timeout = Duration.ofSeconds(switchHappens ? 20 : 2);
    c.nodes = List.of(node("a", exporterA), node("b", exporterB));
    ServiceConfig web = new ServiceConfig();
    web.name = "web";
    web.maxInterruption = Duration.ofSeconds(3);
    web.http = new ServiceConfig.Http();
    web.http.url = service.url("/").toString();
    c.services = List.of(web);
    return c;
  }

  private static NodeConfig node(String name, MockWebServer exporter) {
    NodeConfig n = new NodeConfig();
    n.name = name;
    n.keepalivedExporter = exporter.url("/metrics").toString();
    n.fail = List.of("fail", name);
    n.restore = List.of("restore", name);
    return n;
  }

  private DrillReport run(DrillConfig config, boolean dryRun) {
    return new DrillRunner(config, commands, new PrintStream(new ByteArrayOutputStream()))
        .run(dryRun);
  }

  @Test
  void measuresTheSwitchTheInterruptionAndTheWayBack() {
    simulate();
    DrillReport report = run(config(true), false);
    assertThat(report.result()).isEqualTo(DrillReport.Result.PASS);
    assertThat(ran).containsExactly("fail a", "restore a");
    assertThat(report.failover().oldMaster()).isEqualTo("a");
    assertThat(report.failover().newMaster()).isEqualTo("b");
    // measured within a few probe and cluster-read intervals (50 and 100 ms) of the real events
    assertThat(report.failover().switchSeconds())
        .isCloseTo(secondsBetween("fail", "switch"), within(0.4));
    var web = report.failover().services().get(0);
    assertThat(web.interruptionSeconds())
        .isCloseTo(secondsBetween("fail", "service back"), within(0.4));
    assertThat(web.failedProbes()).isPositive();
    assertThat(web.probes()).isGreaterThan(web.failedProbes());
    assertThat(report.restore().oldMaster()).isEqualTo("b");
    assertThat(report.restore().newMaster()).isEqualTo("a");
    assertThat(report.restore().switchSeconds())
        .isCloseTo(secondsBetween("restore", "switch back"), within(0.4));
    assertThat(report.restore().services().get(0).interruptionSeconds()).isZero();
  }

  @Test
  void refusesAnUnhealthyClusterWithoutRunningAnything() {
    simulate();
    keepalivedUpOnB.set(false);
    DrillReport report = run(config(true), false);
    assertThat(report.result()).isEqualTo(DrillReport.Result.REFUSED);
    assertThat(report.reason()).isEqualTo("keepalived_down");
    assertThat(report.failover()).isNull();
    assertThat(ran).isEmpty();
  }

  @Test
  void refusesWhenAServiceFailsBeforeTheStart() {
    simulate();
    serviceUp.set(false);
    DrillReport report = run(config(true), false);
    assertThat(report.reason()).isEqualTo("service_down");
    assertThat(ran).isEmpty();
  }

  @Test
  void aDryRunTriggersNothing() {
    simulate();
    DrillReport report = run(config(true), true);
    assertThat(report.result()).isEqualTo(DrillReport.Result.PASS);
    assertThat(report.failover()).isNull();
    assertThat(ran).isEmpty();
  }

  @Test
  void noSwitchWithinTheTimeoutFailsAndRestores() {
    simulate();
    CommandRunner stuck =
        new CommandRunner() {
          @Override
          public Outcome run(List<String> argv, Duration limit) {
            ran.add(String.join(" ", argv));
            return new Outcome(0, "", null);
          }
        };
    DrillReport report =
        new DrillRunner(config(false), stuck, new PrintStream(new ByteArrayOutputStream()))
            .run(false);
    assertThat(report.result()).isEqualTo(DrillReport.Result.FAIL);
    assertThat(report.reason()).isEqualTo("no_switch");
    assertThat(report.failover().switchSeconds()).isNull();
    assertThat(ran).containsExactly("fail a", "restore a");
  }
}
