package io.github.homelabha.sync.rclone;

import io.github.homelabha.core.secrets.Redactor;

/**
 * Error text used as a label value: one line without control characters, at most {@link
 * #MAX_LENGTH} characters, so a runaway message cannot blow up the label size. Only the latest
 * error is ever exported, so the number of series stays at one per job. Credentials in URLs are
 * masked before the text is shortened or kept in the state file: rclone echoes remote URLs, and a
 * URL cut before its {@code @} would no longer be recognised by the exposition's redaction.
 */
public final class ErrorMessages {
  static final int MAX_LENGTH = 200;

  private ErrorMessages() {}

  public static String forLabel(String message) {
    String oneLine = Redactor.maskUrlUserInfo(message.replaceAll("\\p{Cntrl}+", " ")).strip();
    if (oneLine.codePointCount(0, oneLine.length()) <= MAX_LENGTH) {
      return oneLine;
    }
    return oneLine.substring(0, oneLine.offsetByCodePoints(0, MAX_LENGTH - 3)) + "...";
  }
}
