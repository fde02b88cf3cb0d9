package io.github.homelabha.sync.rclone;

/** rclone sent (or logged) JSON that does not have the shape we read. */
public final class RcloneParseException extends Exception {
  public RcloneParseException(String message) {
    super(message);
  }
}
