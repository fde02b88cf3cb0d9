package io.github.homelabha.core.runtime;

import io.github.homelabha.core.api.BackgroundTask;
import io.github.homelabha.core.api.ExporterSetup;
import io.github.homelabha.core.api.LandingTable;
import io.github.homelabha.core.api.Target;
import io.github.homelabha.core.secrets.Redactor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Records what {@code Exporter.configure} registers, checking names as it goes. */
final class SetupCollector implements ExporterSetup {
  record Json(String path, String description, Supplier<Object> body) {}

  record Section(String title, Supplier<LandingTable> table) {}

  record Closeable(String name, AutoCloseable resource) {}

  private static final Set<String> RESERVED =
      Set.of("/", "/probe", "/-/healthy", "/-/ready", "/metrics");

  final List<Target> targets = new ArrayList<>();
  final List<BackgroundTask> tasks = new ArrayList<>();
  final List<Json> json = new ArrayList<>();
  final List<Section> sections = new ArrayList<>();
  final List<Closeable> closeables = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private final Redactor redactor;

  SetupCollector(Redactor redactor) {
    this.redactor = redactor;
  }

  @Override
  public void addTarget(Target target) {
    if (!names.add(target.name())) {
      throw new IllegalArgumentException("two targets are named \"" + target.name() + "\"");
    }
    targets.add(target);
  }

  @Override
  public void addTask(BackgroundTask task) {
    tasks.add(task);
  }

  @Override
  public void onClose(String name, AutoCloseable resource) {
    closeables.add(new Closeable(name, resource));
  }

  @Override
  public void addJsonEndpoint(String path, String description, Supplier<Object> body) {
    if (!path.startsWith("/") || RESERVED.contains(path)) {
      throw new IllegalArgumentException("JSON endpoint path not allowed: " + path);
    }
    json.add(new Json(path, description, body));
  }

  @Override
  public void addLandingSection(String title, Supplier<LandingTable> table) {
    sections.add(new Section(title, table));
  }

  @Override
  public void registerSecret(String value) {
    redactor.register(value);
  }
}
