package io.github.homelabha.launcher;

import io.github.homelabha.core.runtime.ExporterRuntime;
import io.github.homelabha.core.runtime.SharedResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The exporters one {@code ha-exporters} process runs, with the threads they share. */
public final class RunningBundle implements AutoCloseable {
  private final List<ExporterRuntime> runtimes;
  private final SharedResources shared;
  private boolean closed;

  RunningBundle(List<ExporterRuntime> runtimes, SharedResources shared) {
    this.runtimes = List.copyOf(runtimes);
    this.shared = shared;
  }

  public List<ExporterRuntime> runtimes() {
    return runtimes;
  }

  /** The running exporter of that name, if it runs. */
  public Optional<ExporterRuntime> runtime(String name) {
    return runtimes.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** Stops every exporter (the last started first), then the shared threads. */
  @Override
  public void close() {
    close(Duration.ofSeconds(3));
  }

  /** Stops every exporter with {@code grace} for scrapes under way; safe to call twice. */
  public synchronized void close(Duration grace) {
    if (closed) {
      return;
    }
    closed = true;
    List<ExporterRuntime> reversed = new ArrayList<>(runtimes);
    java.util.Collections.reverse(reversed);
    for (ExporterRuntime r : reversed) {
      r.close(grace);
    }
    shared.close();
  }
}
