package io.github.homelabha.keepalived.process;

import io.github.homelabha.core.api.ScrapeException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Sends a signal by number with the {@code kill} command: Java cannot send arbitrary signals such
 * as 36, and the command needs no native library. The process inherits the exporter's capabilities,
 * so CAP_KILL (ambient) is enough to signal a root keepalived.
 */
public final class Signaller {
  private final String killCommand;

  public Signaller(String killCommand) {
    this.killCommand = killCommand;
  }

  public void send(KeepalivedProcess process, int signal) throws ScrapeException {
    CommandRunner.Result r;
    try {
      r =
          CommandRunner.run(
              List.of(killCommand, "-s", Integer.toString(signal), Long.toString(process.pid())),
              Duration.ofSeconds(5));
    } catch (IOException e) {
      throw new ScrapeException(
          "signal", "cannot run '" + killCommand + "' to signal keepalived: " + e.getMessage());
    }
    if (!r.ok()) {
      String err = r.stderr().trim();
      boolean denied = err.toLowerCase(java.util.Locale.ROOT).contains("not permitted");
      throw new ScrapeException(
          denied ? "permission" : "signal",
          "sending signal "
              + signal
              + " to keepalived pid "
              + process.pid()
              + " failed"
              + (denied ? " (run as root or grant CAP_KILL)" : "")
              + ": "
              + (err.length() > 200 ? err.substring(0, 200) : err));
    }
  }
}
