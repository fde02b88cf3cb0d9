package io.github.homelabha.sync.canary;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Validatable;
import java.time.Duration;

/** The heartbeat file: how often the source writes it and what it is called. */
public final class CanaryConfig implements Validatable {
  /**
   * How often the source writes. Also the resolution of the lag: just before the next write the
   * replica's lag reads up to this much higher than the replication delay.
   */
  public Duration interval = Duration.ofSeconds(5);

  /** File name inside each pair's directory. Left out of tree summaries. */
  public String fileName = ".sync-canary";

  /** Name written into the canary; empty means this host's name. */
  public String writer = "";

  @Override
  public void validate(ConfigProblems problems) {
    problems.require(
        interval != null && interval.toMillis() >= 100, "interval", "must be at least 100ms");
    problems.require(
        fileName != null && fileName.matches("[A-Za-z0-9._-]{1,100}") && !fileName.matches("\\.+"),
        "file_name",
        "must be a plain file name (letters, digits, . _ -)");
    problems.require(
        writer != null && (writer.isEmpty() || writer.matches("[A-Za-z0-9._-]{1,64}")),
        "writer",
        "must be up to 64 letters, digits, . _ -");
  }

  /** Whether a file name is the canary or one of its temporary files. */
  public boolean isCanaryFile(String name) {
    return name.equals(fileName)
        || (name.startsWith(fileName + ".") && name.endsWith(CanaryWriter.TEMP_SUFFIX));
  }
}
