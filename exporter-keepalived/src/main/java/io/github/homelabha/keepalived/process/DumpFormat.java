package io.github.homelabha.keepalived.process;

import java.util.List;

/** Which dumps one round asks keepalived for, and the files they land in. */
public enum DumpFormat {
  /** {@code keepalived.json}, plus the text data dump for script names and interface status. */
  JSON_WITH_DATA(List.of("JSON", "DATA"), List.of("keepalived.json", "keepalived.data")),
  /** {@code keepalived.json} alone (cheapest; no script or tracked interface status). */
  JSON(List.of("JSON"), List.of("keepalived.json")),
  /** Text data and stats dumps, for builds without JSON support. */
  TEXT(List.of("DATA", "STATS"), List.of("keepalived.data", "keepalived.stats"));

  private final List<String> signals;
  private final List<String> files;

  DumpFormat(List<String> signals, List<String> files) {
    this.signals = signals;
    this.files = files;
  }

  /** Signal names as {@code keepalived --signum} knows them, in the order they are sent. */
  public List<String> signals() {
    return signals;
  }

  /** File names, in the same order as {@link #signals()}. */
  public List<String> files() {
    return files;
  }
}
