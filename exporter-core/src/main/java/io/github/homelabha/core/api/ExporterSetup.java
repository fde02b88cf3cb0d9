package io.github.homelabha.core.api;

import java.util.function.Supplier;

/** What {@link Exporter#configure} registers with the core. */
public interface ExporterSetup {

  /** Adds a scrape target. Names must be unique within the exporter. */
  void addTarget(Target target);

  /** Adds a task that starts after the server is up and stops before it shuts down. */
  void addTask(BackgroundTask task);

  /**
   * Closes {@code resource} at shutdown (clients, sessions, executors), after the tasks have
   * stopped and the server has answered its last scrape. Resources close in the reverse order of
   * registration, so register a thing after what it uses; a failure is logged and the rest still
   * close.
   */
  void onClose(String name, AutoCloseable resource);

  /**
   * Serves {@code GET path} as JSON. The supplier's value is serialized with Jackson at request
   * time (after secret redaction of strings), e.g. {@code /events}.
   */
  void addJsonEndpoint(String path, String description, Supplier<Object> body);

  /** Adds a section to the landing page, rendered (and HTML-escaped) at request time. */
  void addLandingSection(String title, Supplier<LandingTable> table);

  /**
   * Marks a value as secret: it is replaced by {@code <secret>} wherever it would appear in logs,
   * error messages, the landing page or JSON endpoints. Config values of type {@code Secret} are
   * registered automatically.
   */
  void registerSecret(String value);
}
