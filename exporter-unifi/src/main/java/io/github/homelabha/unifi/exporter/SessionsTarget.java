package io.github.homelabha.unifi.exporter;

import io.github.homelabha.core.api.MetricWriter;
import io.github.homelabha.core.api.ScrapeContext;
import io.github.homelabha.core.api.Target;
import io.github.homelabha.unifi.exporter.config.UnifiConfig;
import io.github.homelabha.unifi.exporter.metrics.SessionCollector;
import java.util.List;

/**
 * The login counters of every controller. A separate target because a controller's target fails
 * (and writes nothing) exactly when its logins go wrong, which is when these counters matter.
 */
final class SessionsTarget implements Target {
  private final List<ControllerTarget> controllers;

  SessionsTarget(List<ControllerTarget> controllers) {
    this.controllers = List.copyOf(controllers);
  }

  @Override
  public String name() {
    return UnifiConfig.SESSIONS_TARGET;
  }

  @Override
  public String description() {
    return "logins, rate limits and session renewals of every controller";
  }

  @Override
  public void scrape(ScrapeContext context, MetricWriter out) {
    for (ControllerTarget c : controllers) {
      SessionCollector.write(c.name(), c.client().stats(), context.startedAt(), out);
    }
  }
}
