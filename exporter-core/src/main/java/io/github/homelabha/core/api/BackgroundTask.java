package io.github.homelabha.core.api;

/**
 * Work that runs beside the server (a FIFO reader, a canary writer, a scanner). {@link #start} is
 * called once after the server is up and must return promptly; {@link #stop} is called once at
 * shutdown and should return within a second or two. {@code tasks.BackgroundLoop} implements both
 * for periodic and self-paced work, so a task rarely needs a thread of its own.
 */
public interface BackgroundTask {

  String name();

  void start() throws Exception;

  void stop();
}
