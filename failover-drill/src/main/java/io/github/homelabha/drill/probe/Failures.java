package io.github.homelabha.drill.probe;

/** Short failure texts for the log: the exception's type and message, no stack. */
final class Failures {
  private Failures() {}

  static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
