package io.github.homelabha.sync.lsyncd;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Validatable;

/** Where lsyncd reports: its statusFile, optionally its logfile, and its process name. */
public final class LsyncdConfig implements Validatable {
  /** lsyncd's {@code settings { statusFile = ... }}; empty disables the lsyncd target. */
  public String statusFile = "";

  /** lsyncd's {@code settings { logfile = ... }}; empty skips the rsync exit code counters. */
  public String logFile = "";

  /** Process name ({@code /proc/PID/comm}) that counts as lsyncd running. */
  public String processName = "lsyncd";

  public boolean enabled() {
    return !statusFile.isEmpty() || !logFile.isEmpty();
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.require(
        statusFile.isEmpty() || statusFile.startsWith("/"),
        "status_file",
        "must be an absolute path");
    problems.require(
        logFile.isEmpty() || logFile.startsWith("/"), "log_file", "must be an absolute path");
    problems.require(
        processName.matches("[A-Za-z0-9._-]{1,15}"),
        "process_name",
        "must be a process name as in /proc/PID/comm (at most 15 characters)");
  }
}
