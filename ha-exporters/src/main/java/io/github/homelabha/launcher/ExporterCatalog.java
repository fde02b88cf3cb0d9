package io.github.homelabha.launcher;

import io.github.homelabha.adguard.AdGuardExporter;
import io.github.homelabha.core.api.Exporter;
import io.github.homelabha.keepalived.KeepalivedExporter;
import io.github.homelabha.sync.SyncExporter;
import io.github.homelabha.unifi.exporter.UnifiExporter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The exporters {@code ha-exporters} can run, by the name used on its command line and as the
 * section key of its configuration file, in the order they start. Adding an exporter of this
 * project is one line here and its module in the pom.
 */
final class ExporterCatalog {
  private static final Map<String, Supplier<Exporter<?>>> EXPORTERS = new LinkedHashMap<>();

  static {
    EXPORTERS.put("keepalived", KeepalivedExporter::new);
    EXPORTERS.put("sync", SyncExporter::new);
    EXPORTERS.put("adguard", AdGuardExporter::new);
    EXPORTERS.put("unifi", UnifiExporter::new);
  }

  private ExporterCatalog() {}

  static boolean knows(String name) {
    return EXPORTERS.containsKey(name);
  }

  /** A new instance of the named exporter; the name must be {@link #knows known}. */
  static Exporter<?> create(String name) {
    Supplier<Exporter<?>> factory = EXPORTERS.get(name);
    if (factory == null) {
      throw new IllegalArgumentException("unknown exporter " + name);
    }
    return factory.get();
  }

  /** Every name, in start order. */
  static List<String> names() {
    return List.copyOf(EXPORTERS.keySet());
  }
}
