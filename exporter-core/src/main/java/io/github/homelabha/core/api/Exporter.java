package io.github.homelabha.core.api;

import java.util.List;

/**
 * What an exporter module implements: a description of the exporter plus one {@link #configure}
 * method that turns its validated configuration into targets, background tasks and endpoints.
 *
 * <p>An exporter has no HTTP, CLI, logging or lifecycle code of its own: the core parses flags and
 * the YAML file into {@code C}, validates it, calls {@link #configure} once, serves the targets'
 * metrics at scrape time and starts and stops the tasks with the server. Instances hold no static
 * state, so several exporters can share one JVM.
 *
 * @param <C> the exporter's configuration class, bound from YAML with unknown keys rejected
 */
public interface Exporter<C> {

  /**
   * Short name, e.g. {@code keepalived}. Used for {@code <name>_exporter_build_info}, the
   * environment variable prefix {@code <NAME>_EXPORTER_} and log lines.
   */
  String name();

  /** Metric prefix of the self metrics {@code <namespace>_up} etc.; usually {@link #name()}. */
  default String namespace() {
    return name();
  }

  /** Port used when {@code --web.listen-address} is not given. */
  int defaultPort();

  /** One line shown by {@code --help} and on the landing page. */
  String description();

  /** The configuration class the YAML file and flags are bound to. */
  Class<C> configClass();

  /**
   * Exporter-specific flags. Each maps to a key path of the YAML configuration and overrides it
   * when given.
   */
  default List<ConfigFlag> flags() {
    return List.of();
  }

  /**
   * Every metric family the targets may emit (self metrics excluded, the core adds those). A target
   * writing an undeclared family or other label names fails its scrape, so this list is the
   * exporter's metric catalog. It must not depend on {@link #configure}: the build writes the
   * catalog from an unconfigured instance (declare a label that a switch adds as {@linkplain
   * MetricFamily#withOptionalLabels optional}).
   */
  List<MetricFamily> metricFamilies();

  /**
   * Builds the exporter from its validated configuration. Called once at start; throwing here (with
   * a {@link ConfigProblems.InvalidConfigException}) stops start-up with that message.
   */
  void configure(C config, ExporterSetup setup) throws Exception;
}
