package io.github.homelabha.drill.probe;

import java.time.Duration;

/** One check of a service through the VIP. */
public interface Probe {
  /**
   * Checks the service once, within {@code timeout}.
   *
   * @throws ProbeFailedException when the service did not answer as expected
   */
  void check(Duration timeout) throws ProbeFailedException;
}
