package io.github.homelabha.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.api.BackgroundTask;
import io.github.homelabha.core.api.Exporter;
import io.github.homelabha.core.api.ExporterSetup;
import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.core.api.ScrapeContext;
import io.github.homelabha.core.api.Target;
import io.github.homelabha.core.testkit.RunningExporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Shutdown stops tasks, then the server, then closes what the exporter registered, newest first.
 */
class ShutdownOrderTest {
  static final MetricFamily VALUE = MetricFamily.gauge("order_value", "A value.");

  static final class OrderExporter implements Exporter<OrderExporter.Config> {
    public static final class Config {}

    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return "order";
    }

    @Override
    public int defaultPort() {
      return 0;
    }

    @Override
    public String description() {
      return "Shutdown order.";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public List<MetricFamily> metricFamilies() {
      return List.of(VALUE);
    }

    @Override
    public void configure(Config config, ExporterSetup setup) {
      setup.onClose("client", () -> events.add("client closed"));
      setup.onClose(
          "broken",
          () -> {
            throw new IllegalStateException("cannot close");
          });
      setup.onClose("session", () -> events.add("session closed"));
      setup.addTask(
          new BackgroundTask() {
            @Override
            public String name() {
              return "task";
            }

            @Override
            public void start() {}

            @Override
            public void stop() {
              events.add("task stopped");
            }
          });
      setup.addTarget(
          new Target() {
            @Override
            public String name() {
              return "t";
            }

            @Override
            public void scrape(ScrapeContext context, MetricWriter out) {
              out.gauge(VALUE, 1);
            }
          });
    }
  }

  @Test
  void closesRegisteredResourcesNewestFirstAfterTheTasks() throws Exception {
    OrderExporter exporter = new OrderExporter();
    String logs;
    try (RunningExporter running = RunningExporter.start(exporter)) {
      assertThat(running.scrape().valueOf("order_value")).isEqualTo(1.0);
      running.runtime().close();
      logs = running.logs();
    }
    assertThat(exporter.events).containsExactly("task stopped", "session closed", "client closed");
    assertThat(logs).contains("did not close cleanly").contains("resource=broken");
  }
}
