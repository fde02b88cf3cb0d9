package io.github.homelabha.core.scrape;

import io.github.homelabha.core.api.MetricFamily;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/**
 * The bridge to client_java: registries call these collectors at scrape time, on the HTTP request's
 * thread, so the scrape timeout header and {@code ?target=} are at hand.
 */
public final class EngineCollectors {
  private EngineCollectors() {}

  /** All targets, for {@code /metrics}. */
  public static MultiCollector all(ScrapeEngine engine, List<MetricFamily> declared) {
    return new MultiCollector() {
      @Override
      public MetricSnapshots collect() {
        return engine.collectAll(engine.budget(null));
      }

      @Override
      public MetricSnapshots collect(PrometheusScrapeRequest request) {
        return engine.collectAll(engine.budget(timeoutHeader(request)));
      }

      @Override
      public List<MetricFamilyDescriptor> getMetricFamilyDescriptors() {
        return declared.stream().map(MetricFamily::descriptor).toList();
      }
    };
  }

  /** The target named by {@code ?target=}, for {@code /probe} (the route checked it exists). */
  public static MultiCollector probe(ScrapeEngine engine) {
    return new MultiCollector() {
      @Override
      public MetricSnapshots collect() {
        return MetricSnapshots.of();
      }

      @Override
      public MetricSnapshots collect(PrometheusScrapeRequest request) {
        String[] names = request == null ? null : request.getParameterValues("target");
        if (names == null || names.length == 0) {
          return MetricSnapshots.of();
        }
        return engine
            .scraper(names[0])
            .map(s -> engine.collectOne(s, engine.budget(timeoutHeader(request))))
            .orElseGet(MetricSnapshots::of);
      }
    };
  }

  private static String timeoutHeader(PrometheusScrapeRequest request) {
    return request instanceof PrometheusHttpRequest http
        ? http.getHeader(ScrapeEngine.TIMEOUT_HEADER)
        : null;
  }
}
