package io.github.homelabha.core.scrape;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryPoolAllocationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmNativeMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM and process metrics of an exporter: client_java's {@code JvmMetrics} set, except that the
 * native memory metrics are only registered when native memory tracking is on.
 *
 * <p>Why not {@code JvmMetrics.builder().register()}: its native memory part asks the platform
 * MBean server for the {@code VM.native_memory} diagnostic command even when tracking is off (the
 * default), and starting that server loads about 200 JMX classes and registers every platform
 * MXBean: about 2 MiB and 0.1 s of CPU before the first scrape (bench/RESULTS.md), for metrics that
 * then stay empty.
 */
public final class JvmExporterMetrics {
  private static final Logger log = LoggerFactory.getLogger(JvmExporterMetrics.class);

  private JvmExporterMetrics() {}

  /** Registers the JVM and process metrics with {@code registry}. */
  public static void register(PrometheusRegistry registry) {
    PrometheusProperties config = PrometheusProperties.get();
    JvmThreadsMetrics.builder(config).register(registry);
    JvmBufferPoolMetrics.builder(config).register(registry);
    JvmClassLoadingMetrics.builder(config).register(registry);
    JvmCompilationMetrics.builder(config).register(registry);
    JvmGarbageCollectorMetrics.builder(config).register(registry);
    JvmMemoryPoolAllocationMetrics.builder(config).register(registry);
    JvmMemoryMetrics.builder(config).register(registry);
    if (nativeMemoryTracking()) {
      JvmNativeMemoryMetrics.builder(config).register(registry);
    }
    JvmRuntimeInfoMetric.builder(config).register(registry);
    ProcessMetrics.builder(config).register(registry);
  }

  /** Whether the JVM runs with {@code -XX:NativeMemoryTracking=summary} or {@code detail}. */
  static boolean nativeMemoryTracking() {
    try {
      String mode =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
              .getVMOption("NativeMemoryTracking")
              .getValue();
      return !"off".equals(mode);
    } catch (RuntimeException e) {
      // Not HotSpot, or the option is unknown: nothing to report either way.
      log.debug("cannot tell whether native memory tracking is on", e);
      return false;
    }
  }
}
