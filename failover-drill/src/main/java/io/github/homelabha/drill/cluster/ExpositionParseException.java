package io.github.homelabha.drill.cluster;

/** An exporter answered with text that is not valid Prometheus exposition. */
public final class ExpositionParseException extends Exception {
  public ExpositionParseException(int line, String message) {
    super("line " + line + ": " + message);
  }
}
