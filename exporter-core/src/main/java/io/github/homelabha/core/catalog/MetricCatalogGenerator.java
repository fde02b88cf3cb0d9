package io.github.homelabha.core.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.homelabha.core.api.Exporter;
import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.scrape.JvmExporterMetrics;
import io.github.homelabha.core.scrape.SelfMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes an exporter's metric catalog, {@code <name>.json}: every family its code declares, the
 * core's self metrics and the JVM metrics, with type, help and label names. Run by the build
 * (exec-maven-plugin, phase process-classes); the dashboards module checks every query against it.
 */
public final class MetricCatalogGenerator {
  private MetricCatalogGenerator() {}

  /** A catalog entry. {@code name} is the exposed name (with {@code _total}/{@code _info}). */
  public record Entry(String name, String type, String help, List<String> labels, String source) {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: MetricCatalogGenerator EXPORTER_CLASS OUTPUT_DIR");
    }
    Exporter<?> exporter =
        (Exporter<?>) Class.forName(args[0]).getDeclaredConstructor().newInstance();
    Path file = write(exporter, Path.of(args[1]));
    System.out.println("metric catalog written: " + file);
  }

  public static Path write(Exporter<?> exporter, Path dir) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("exporter", exporter.name());
    doc.put("families", entries(exporter));
    Files.createDirectories(dir);
    Path file = dir.resolve(exporter.name() + ".json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    return file;
  }

  public static List<Entry> entries(Exporter<?> exporter) {
    List<Entry> out = new ArrayList<>();
    for (MetricFamily f : exporter.metricFamilies()) {
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < f.labelNames().size(); i++) {
        // optional labels are marked as the target label is: only some series have them
        labels.add(f.labelNames().get(i) + (i < f.requiredLabelCount() ? "" : "?"));
      }
      labels.add(MetricFamily.TARGET_LABEL + "?");
      out.add(new Entry(f.name(), f.type().name().toLowerCase(), f.help(), labels, "exporter"));
    }
    for (SelfMetrics.Family f : SelfMetrics.declare(exporter.namespace(), exporter.name())) {
      out.add(new Entry(f.name(), f.type(), f.help(), f.labels(), "core"));
    }
    PrometheusRegistry jvm = new PrometheusRegistry();
    JvmExporterMetrics.register(jvm);
    for (MetricSnapshot s : jvm.scrape()) {
      TreeSet<String> labels = new TreeSet<>();
      s.getDataPoints().forEach(dp -> dp.getLabels().forEach(l -> labels.add(l.getName())));
      String name = s.getMetadata().getPrometheusName();
      String type;
      if (s instanceof CounterSnapshot) {
        name += "_total";
        type = "counter";
      } else if (s instanceof InfoSnapshot) {
        name += "_info";
        type = "info";
      } else if (s instanceof StateSetSnapshot) {
        type = "stateset";
      } else {
        type = s.getClass().getSimpleName().replace("Snapshot", "").toLowerCase();
      }
      out.add(new Entry(name, type, s.getMetadata().getHelp(), List.copyOf(labels), "jvm"));
    }
    return out;
  }
}
