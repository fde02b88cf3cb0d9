package io.github.homelabha.drill.probe;

/**
 * One finished probe.
 *
 * @param startNanos {@link System#nanoTime()} when the probe started
 * @param failure why it failed; null when it passed
 */
public record ProbeRecord(long startNanos, String failure) {
  public boolean ok() {
    return failure == null;
  }
}
