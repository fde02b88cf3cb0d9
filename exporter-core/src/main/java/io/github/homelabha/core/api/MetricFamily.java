package io.github.homelabha.core.api;

import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A declared metric family: full exposed name, type, help and label names. Exporters declare all
 * families up front ({@link Exporter#metricFamilies()}); the build writes them to the metric
 * catalog and the core rejects samples that do not match their declaration.
 *
 * <p>A family may end in optional labels ({@link #withOptionalLabels}) that a configuration switch
 * adds to every series, so the declaration (and the catalog) does not depend on the configuration:
 * a sample then carries either all label values or only the required ones.
 *
 * <p>Names are the ones users see and grep for: counters end in {@code _total}, info metrics in
 * {@code _info}. The label {@code target} is reserved for the core.
 */
public final class MetricFamily {

  /** The Prometheus types an exporter may emit. */
  public enum Type {
    GAUGE,
    COUNTER,
    INFO,
    HISTOGRAM
  }

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  public static final String TARGET_LABEL = "target";

  private final String name;
  private final Type type;
  private final String help;
  private final List<String> labelNames;
  // the leading labels every sample has; the others (trailing) are optional
  private final int requiredLabels;
  // Families are looked up once per written sample: hash once.
  private final int hash;

  private MetricFamily(String name, Type type, String help, List<String> labelNames) {
    this(name, type, help, labelNames, labelNames.size());
  }

  private MetricFamily(
      String name, Type type, String help, List<String> labelNames, int requiredLabels) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid metric name: " + name);
    }
    if (type == Type.COUNTER && !name.endsWith("_total")) {
      throw new IllegalArgumentException("counter names end in _total: " + name);
    }
    if (type == Type.INFO && !name.endsWith("_info")) {
      throw new IllegalArgumentException("info metric names end in _info: " + name);
    }
    if (type == Type.HISTOGRAM
        && (name.endsWith("_total")
            || name.endsWith("_bucket")
            || name.endsWith("_count")
            || name.endsWith("_sum")
            || labelNames.contains("le"))) {
      throw new IllegalArgumentException(
          "histogram names take no _total/_bucket/_count/_sum suffix and no le label: " + name);
    }
    if (help == null || help.isBlank()) {
      throw new IllegalArgumentException("help text missing for " + name);
    }
    for (String label : labelNames) {
      if (!LABEL.matcher(label).matches() || label.startsWith("__")) {
        throw new IllegalArgumentException("invalid label name " + label + " on " + name);
      }
      if (label.equals(TARGET_LABEL)) {
        throw new IllegalArgumentException("label 'target' is added by the core, on " + name);
      }
      if (label.equals("job") || label.equals("instance")) {
        // Prometheus sets these itself and would rename ours to exported_<label>.
        throw new IllegalArgumentException(
            "label '" + label + "' clashes with Prometheus' target labels, on " + name);
      }
    }
    if (labelNames.stream().distinct().count() != labelNames.size()) {
      throw new IllegalArgumentException("duplicate label name on " + name);
    }
    this.name = name;
    this.type = type;
    this.help = help;
    this.labelNames = List.copyOf(labelNames);
    this.requiredLabels = requiredLabels;
    this.hash = Objects.hash(name, type, this.labelNames, requiredLabels);
  }

  public static MetricFamily gauge(String name, String help, String... labelNames) {
    return new MetricFamily(name, Type.GAUGE, help, List.of(labelNames));
  }

  public static MetricFamily counter(String name, String help, String... labelNames) {
    return new MetricFamily(name, Type.COUNTER, help, List.of(labelNames));
  }

  public static MetricFamily info(String name, String help, String... labelNames) {
    return new MetricFamily(name, Type.INFO, help, List.of(labelNames));
  }

  /**
   * A histogram the exporter keeps itself (buckets, {@code _sum}, {@code _count}); the name is the
   * base name, e.g. {@code adguard_query_duration_seconds}.
   */
  public static MetricFamily histogram(String name, String help, String... labelNames) {
    return new MetricFamily(name, Type.HISTOGRAM, help, List.of(labelNames));
  }

  /**
   * The same family with {@code optional} labels added after its own: each sample carries either
   * all label values or only the ones this family already had (a compatibility switch that adds a
   * label to every series, declared whatever the switch says).
   */
  public MetricFamily withOptionalLabels(String... optional) {
    if (requiredLabels != labelNames.size()) {
      throw new IllegalStateException(name + " already has optional labels");
    }
    List<String> all = new java.util.ArrayList<>(labelNames);
    all.addAll(List.of(optional));
    return new MetricFamily(name, type, help, all, labelNames.size());
  }

  /** The exposed name, e.g. {@code keepalived_become_master_total}. */
  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  public String help() {
    return help;
  }

  /** All label names, the optional ones last. */
  public List<String> labelNames() {
    return labelNames;
  }

  /**
   * How many leading labels every sample has; the rest are {@linkplain #withOptionalLabels
   * optional}.
   */
  public int requiredLabelCount() {
    return requiredLabels;
  }

  /** Whether a sample may carry {@code count} label values: all of them, or the required ones. */
  public boolean acceptsLabelCount(int count) {
    return count == labelNames.size() || count == requiredLabels;
  }

  /** The name without the {@code _total}/{@code _info} suffix, as client_java's model wants it. */
  public String baseName() {
    return switch (type) {
      case COUNTER -> name.substring(0, name.length() - "_total".length());
      case INFO -> name.substring(0, name.length() - "_info".length());
      case GAUGE, HISTOGRAM -> name;
    };
  }

  /** The same declaration as client_java's descriptor (what a registry reports up front). */
  public MetricFamilyDescriptor descriptor() {
    MetricType t =
        switch (type) {
          case GAUGE -> MetricType.GAUGE;
          case COUNTER -> MetricType.COUNTER;
          case INFO -> MetricType.INFO;
          case HISTOGRAM -> MetricType.HISTOGRAM;
        };
    return MetricFamilyDescriptor.of(t, new MetricMetadata(baseName(), help), labelNames);
  }

  @Override
  public boolean equals(Object o) {
    return o == this
        || o instanceof MetricFamily f
            && f.name.equals(name)
            && f.type == type
            && f.labelNames.equals(labelNames)
            && f.requiredLabels == requiredLabels;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return type.name().toLowerCase()
        + " "
        + name
        + (requiredLabels == labelNames.size()
            ? labelNames
            : labelNames.subList(0, requiredLabels)
                + " optional "
                + labelNames.subList(requiredLabels, labelNames.size()));
  }
}
