package io.github.homelabha.core.logging;

/** The values of {@code --log.format}. */
public enum LogFormat {
  LOGFMT,
  JSON
}
