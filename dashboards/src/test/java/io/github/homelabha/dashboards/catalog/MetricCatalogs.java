package io.github.homelabha.dashboards.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Metric names that exist: our exporters' catalogs (written by their builds from the code's metric
 * declarations, read from the exporter jars on the test classpath) and the documented list of
 * metrics from other programs (Prometheus itself, blackbox_exporter).
 */
final class MetricCatalogs {

  static final List<String> OUR_EXPORTERS = List.of("keepalived", "sync", "adguard", "unifi");
  private static final String CATALOG = "META-INF/homelabha/metrics/%s.json";
  private static final String EXTERNAL = "external-metrics.yml";

  private MetricCatalogs() {}

  /**
   * Label names each of our exporters' metrics carries, by metric name (the catalog marks labels
   * only some series have with a trailing {@code ?}, e.g. {@code target?}).
   */
  static Map<String, java.util.Set<String>> labels() {
    Map<String, java.util.Set<String>> labels = new TreeMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String exporter : OUR_EXPORTERS) {
      for (JsonNode family : read(json, String.format(CATALOG, exporter)).path("families")) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        family.path("labels").forEach(l -> names.add(l.asText().replace("?", "")));
        String name = family.path("name").asText();
        labels.put(name, names);
        if (family.path("type").asText().equals("histogram")) {
          java.util.Set<String> withLe = new java.util.TreeSet<>(names);
          withLe.add("le");
          labels.put(name + "_bucket", withLe);
          labels.put(name + "_sum", names);
          labels.put(name + "_count", names);
        }
      }
    }
    return labels;
  }

  /** Metric name to where it comes from (exporter name or external program). */
  static Map<String, String> known() {
    Map<String, String> known = new TreeMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String exporter : OUR_EXPORTERS) {
      JsonNode catalog = read(json, String.format(CATALOG, exporter));
      if (!exporter.equals(catalog.path("exporter").asText())) {
        throw new AssertionError("catalog of " + exporter + " names " + catalog.path("exporter"));
      }
      for (JsonNode family : catalog.path("families")) {
        String name = family.path("name").asText();
        known.put(name, exporter);
        if (family.path("type").asText().equals("histogram")) {
          // a histogram is queried through its series
          for (String suffix : List.of("_bucket", "_sum", "_count")) {
            known.put(name + suffix, exporter);
          }
        }
      }
    }
    JsonNode external = read(new ObjectMapper(new YAMLFactory()), EXTERNAL);
    external
        .fields()
        .forEachRemaining(
            program ->
                program.getValue().forEach(name -> known.put(name.asText(), program.getKey())));
    return known;
  }

  private static JsonNode read(ObjectMapper mapper, String resource) {
    try {
      Enumeration<URL> urls = MetricCatalogs.class.getClassLoader().getResources(resource);
      if (!urls.hasMoreElements()) {
        throw new AssertionError(resource + " is not on the test classpath");
      }
      URL url = urls.nextElement();
      if (urls.hasMoreElements()) {
        throw new AssertionError(
            resource + " is on the classpath twice: " + url + ", " + urls.nextElement());
      }
      try (InputStream in = url.openStream()) {
        return mapper.readTree(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
