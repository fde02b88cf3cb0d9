package io.github.homelabha.launcher.demo;

import java.io.IOException;

/** Copies the demo's active directory to the standby one, and can be paused to show lag. */
interface Replication extends AutoCloseable {
  /** One line for the start-up message, e.g. "lsyncd (pid 1234)". */
  String describe();

  /** Pauses ({@code true}) or resumes copying. */
  void stall(boolean stalled) throws IOException;

  /** Called every second; a copy loop copies here, a daemon does nothing. */
  void tick() throws IOException;

  @Override
  void close();
}
