package io.github.homelabha.core.runtime;

import io.github.homelabha.core.web.ListenAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings every exporter shares, from the common flags.
 *
 * @param listenAddress {@code --web.listen-address}
 * @param telemetryPath {@code --web.telemetry-path}
 * @param webConfigFile {@code --web.config.file}, or null
 * @param scrapeTimeout {@code --scrape.timeout}: the budget when Prometheus sends no timeout
 * @param timeoutOffset {@code --scrape.timeout-offset}: subtracted from Prometheus' timeout
 * @param exporterMetrics false with {@code --web.disable-exporter-metrics} (no JVM/process metrics)
 */
public record RuntimeOptions(
    ListenAddress listenAddress,
    String telemetryPath,
    Path webConfigFile,
    Duration scrapeTimeout,
    Duration timeoutOffset,
    boolean exporterMetrics) {}
