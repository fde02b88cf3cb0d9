package io.github.homelabha.sync.lsyncd;

/** A statusFile that is not lsyncd's layout, or was read while lsyncd was rewriting it. */
public final class LsyncdParseException extends Exception {
  private final boolean incomplete;

  public LsyncdParseException(String message, boolean incomplete) {
    super(message);
    this.incomplete = incomplete;
  }

  /** True when the file looks like the start of a valid report (worth reading again). */
  public boolean incomplete() {
    return incomplete;
  }
}
