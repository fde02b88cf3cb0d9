package io.github.homelabha.core.testkit;

/**
 * The one exception {@link ExpositionParser} throws for a body that breaks the exposition format.
 * It is unchecked so that tests can scrape without ceremony; the message starts with the 1-based
 * line number (0 when the problem concerns the whole body, such as a wrong Content-Type).
 */
public final class ExpositionParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int lineNumber;

  public ExpositionParseException(int lineNumber, String message) {
    super(lineNumber > 0 ? "line " + lineNumber + ": " + message : message);
    this.lineNumber = lineNumber;
  }

  /** 1-based line of the offending construct, or 0 when no single line is to blame. */
  public int lineNumber() {
    return lineNumber;
  }
}
