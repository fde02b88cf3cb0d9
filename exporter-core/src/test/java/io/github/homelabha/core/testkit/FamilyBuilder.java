package io.github.homelabha.core.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects one metric family while the parser walks through its lines and enforces the rules that
 * span several samples: descriptor lines come first and once each, a sample's name must be one the
 * family's type allows, the samples of one metric (label set) are contiguous, histogram buckets
 * ascend and end with {@code +Inf}, summary quantiles ascend (text format), state sets and info
 * values are well formed.
 */
final class FamilyBuilder {
  private final String name;
  private final ExpositionFormat format;
  private String type;
  private String help;
  private String unit;
  private boolean typeSeen;
  private boolean helpSeen;
  private boolean unitSeen;
  private int lastLine;
  private final List<ParsedMetrics.Sample> samples = new ArrayList<>();
  private Map<String, String> currentMetric;
  private final Set<Map<String, String>> finishedMetrics = new HashSet<>();
  private final Map<List<Object>, BucketRun> bucketRuns = new LinkedHashMap<>();
  private final Map<List<Object>, Double> lastQuantile = new HashMap<>();

  FamilyBuilder(String name, ExpositionFormat format, int firstLine) {
    this.name = name;
    this.format = format;
    this.lastLine = firstLine;
  }

  String name() {
    return name;
  }

  String type() {
    return type != null ? type : format.implicitType();
  }

  /** Whether a TYPE line declared the type (rather than it being implied). */
  boolean typed() {
    return typeSeen;
  }

  boolean hasSamples() {
    return !samples.isEmpty();
  }

  void setType(LineScanner line, String newType) {
    checkDescriptor(line, "TYPE", typeSeen);
    if (!format.isKnownType(newType)) {
      throw line.fail("unknown metric type '" + newType + "'");
    }
    if (format == ExpositionFormat.OPENMETRICS
        && newType.equals("counter")
        && name.endsWith("_total")) {
      throw line.fail("OpenMetrics counter family '" + name + "' must be named without _total");
    }
    typeSeen = true;
    type = newType;
  }

  void setHelp(LineScanner line, String newHelp) {
    checkDescriptor(line, "HELP", helpSeen);
    helpSeen = true;
    // OpenMetrics: an empty HELP is the same as none.
    help = newHelp.isEmpty() && format == ExpositionFormat.OPENMETRICS ? null : newHelp;
  }

  void setUnit(LineScanner line, String newUnit) {
    checkDescriptor(line, "UNIT", unitSeen);
    unitSeen = true;
    if (!newUnit.isEmpty()) {
      if (!name.endsWith("_" + newUnit)) {
        throw line.fail("family name '" + name + "' must end with _" + newUnit + " (its UNIT)");
      }
      unit = newUnit;
    }
  }

  private void checkDescriptor(LineScanner line, String kind, boolean alreadySeen) {
    if (hasSamples()) {
      throw line.fail(kind + " line for '" + name + "' after its samples");
    }
    if (alreadySeen) {
      throw line.fail("second " + kind + " line for '" + name + "'");
    }
    lastLine = line.lineNumber();
  }

  /** The suffix by which {@code sampleName} belongs to this family, or null if it does not. */
  String suffixOf(String sampleName) {
    if (!sampleName.startsWith(name)) {
      return null;
    }
    String rest = sampleName.substring(name.length());
    return format.sampleSuffixes(type()).contains(rest) ? rest : null;
  }

  void addSample(
      LineScanner line,
      String sampleName,
      String suffix,
      Map<String, String> labels,
      double value,
      String timestamp,
      boolean hasExemplar) {
    String t = type();
    if (hasExemplar && !format.allowsExemplar(t, suffix)) {
      throw line.fail("exemplars are only allowed on counter _total and histogram _bucket samples");
    }
    checkSpecialLabels(line, t, suffix, labels);
    checkValue(line, t, suffix, value);
    Map<String, String> metric = metricLabels(t, labels);
    if (!metric.equals(currentMetric)) {
      if (finishedMetrics.contains(metric)) {
        throw line.fail("samples of metric " + name + metric + " are interleaved with another");
      }
      if (currentMetric != null) {
        finishedMetrics.add(currentMetric);
      }
      currentMetric = metric;
    }
    // One histogram/summary point: a metric's samples sharing a timestamp (usually none).
    List<Object> pointKey = Arrays.asList(metric, timestamp);
    if (suffix.equals("_bucket")) {
      bucketRuns
          .computeIfAbsent(pointKey, k -> new BucketRun())
          .addBucket(line, parseBound(line, labels.get("le"), "le"), value);
    } else if (suffix.equals("_count") || suffix.equals("_gcount")) {
      bucketRuns.computeIfAbsent(pointKey, k -> new BucketRun()).count(value);
    } else if (suffix.equals("_sum") || suffix.equals("_gsum")) {
      bucketRuns.computeIfAbsent(pointKey, k -> new BucketRun()).sum();
    }
    if (t.equals("summary") && suffix.isEmpty() && format == ExpositionFormat.PROMETHEUS_TEXT) {
      double quantile = parseBound(line, labels.get("quantile"), "quantile");
      Double previous = lastQuantile.put(pointKey, quantile);
      if (previous != null && !(quantile > previous)) {
        throw line.fail("summary quantiles must appear in increasing order");
      }
    }
    samples.add(new ParsedMetrics.Sample(sampleName, labels, value));
    lastLine = line.lineNumber();
  }

  private void checkSpecialLabels(
      LineScanner line, String t, String suffix, Map<String, String> labels) {
    boolean histogram = t.equals("histogram") || t.equals("gaugehistogram");
    boolean bucket = histogram && suffix.equals("_bucket");
    if (bucket != labels.containsKey("le") && histogram) {
      throw line.fail(
          bucket ? "histogram bucket without an 'le' label" : "'le' label outside a bucket");
    }
    if (t.equals("summary")) {
      boolean quantileSample = suffix.isEmpty();
      if (quantileSample != labels.containsKey("quantile")) {
        throw line.fail(
            quantileSample
                ? "summary sample without a 'quantile' label"
                : "'quantile' label on a summary " + suffix + " sample");
      }
    }
    if (t.equals("stateset") && !labels.containsKey(name)) {
      throw line.fail("stateset sample without the label '" + name + "' naming its state");
    }
  }

  private void checkValue(LineScanner line, String t, String suffix, double value) {
    boolean total =
        (t.equals("counter") && (suffix.equals("_total") || suffix.isEmpty()))
            || suffix.equals("_count")
            || suffix.equals("_gcount")
            || suffix.equals("_bucket");
    if (total && (Double.isNaN(value) || value < 0)) {
      throw line.fail("a counter, count or bucket value must be a non-negative number");
    }
    if (t.equals("stateset") && value != 0 && value != 1) {
      throw line.fail("stateset values must be 0 or 1");
    }
    if (t.equals("info") && value != 1) {
      throw line.fail("info values must be 1");
    }
  }

  /** The labels that identify the metric a sample belongs to (without le, quantile or state). */
  private Map<String, String> metricLabels(String t, Map<String, String> labels) {
    Map<String, String> metric = new HashMap<>(labels);
    switch (t) {
      case "histogram", "gaugehistogram" -> metric.remove("le");
      case "summary" -> metric.remove("quantile");
      case "stateset" -> metric.remove(name);
      default -> {}
    }
    return metric;
  }

  private static double parseBound(LineScanner line, String text, String label) {
    return line.number(text, "'" + label + "' label value");
  }

  ParsedMetrics.Family build() {
    if (type().equals("histogram") || type().equals("gaugehistogram")) {
      for (Map.Entry<List<Object>, BucketRun> run : bucketRuns.entrySet()) {
        run.getValue().finish(this, describe(run.getKey()));
      }
    }
    return new ParsedMetrics.Family(name, type(), help, unit, samples);
  }

  private String describe(List<Object> pointKey) {
    return name + pointKey.get(0) + (pointKey.get(1) == null ? "" : " at " + pointKey.get(1));
  }

  private ExpositionParseException familyError(String message) {
    return new ExpositionParseException(lastLine, "family '" + name + "': " + message);
  }

  /** The buckets, count and sum of one histogram point, checked as they arrive and at the end. */
  private final class BucketRun {
    private double lastBound = Double.NaN;
    private double lastBucketValue;
    private Double infinityBucket;
    private Double count;
    private boolean sumSeen;

    void addBucket(LineScanner line, double bound, double value) {
      if (Double.isNaN(bound)) {
        throw line.fail("'le' must not be NaN");
      }
      if (!Double.isNaN(lastBound) && !(bound > lastBound)) {
        throw line.fail("histogram buckets must appear in increasing order of 'le'");
      }
      if (!Double.isNaN(lastBound) && value < lastBucketValue) {
        throw line.fail("histogram bucket counts must not decrease as 'le' grows");
      }
      lastBound = bound;
      lastBucketValue = value;
      if (bound == Double.POSITIVE_INFINITY) {
        infinityBucket = value;
      }
    }

    void count(double value) {
      count = value;
    }

    void sum() {
      sumSeen = true;
    }

    void finish(FamilyBuilder family, String point) {
      if (infinityBucket == null) {
        throw family.familyError("metric " + point + " has no le=\"+Inf\" bucket");
      }
      if (count != null && count.doubleValue() != infinityBucket.doubleValue()) {
        throw family.familyError(
            "metric " + point + " has a count that differs from its +Inf bucket");
      }
      // OpenMetrics: a count (the +Inf bucket repeated) appears if and only if a sum does.
      if (format == ExpositionFormat.OPENMETRICS && (count != null) != sumSeen) {
        throw family.familyError(
            "metric " + point + " must have both a sum and a count, or neither");
      }
    }
  }
}
