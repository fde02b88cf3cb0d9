package io.github.homelabha.keepalived.process;

import io.github.homelabha.core.api.ScrapeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Sends signals with the {@code kill} command, for systems where libc cannot be loaded (e.g. a
 * {@code noexec} temporary directory JNA cannot unpack into). The command inherits the exporter's
 * capabilities, so CAP_KILL (ambient) is enough to signal a root keepalived.
 */
public final class CommandSignaller implements Signaller {
  private static final long TIMEOUT_MS = 5000;
  private final String killCommand;
  private final ProcessVerifier verifier;

  public CommandSignaller(String killCommand, ProcessVerifier verifier) {
    this.killCommand = killCommand;
    this.verifier = verifier;
  }

  @Override
  public void sendAll(KeepalivedProcess process, List<Integer> signals) throws ScrapeException {
    verifier.requireUnchanged(process);
    List<Process> running = new ArrayList<>();
    try {
      for (int signal : signals) {
        Process p =
            new ProcessBuilder(
                    killCommand, "-s", Integer.toString(signal), Long.toString(process.pid()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.getOutputStream().close();
        running.add(p);
      }
      for (int i = 0; i < running.size(); i++) {
        Process p = running.get(i);
        if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
          throw new ScrapeException("signal", "'" + killCommand + "' did not finish in time");
        }
        if (p.exitValue() != 0) {
          String err =
              new String(p.getErrorStream().readNBytes(400), StandardCharsets.UTF_8).trim();
          boolean denied = err.toLowerCase(Locale.ROOT).contains("not permitted");
          throw new ScrapeException(
              denied ? "permission" : "signal",
              "sending signal "
                  + signals.get(i)
                  + " to keepalived pid "
                  + process.pid()
                  + " failed"
                  + (denied ? " (run as root or grant CAP_KILL)" : "")
                  + ": "
                  + err);
        }
      }
    } catch (IOException e) {
      throw new ScrapeException(
          "signal", "cannot run '" + killCommand + "' to signal keepalived: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScrapeException("timeout", "interrupted while signalling keepalived");
    } finally {
      for (Process p : running) {
        if (p.isAlive()) {
          p.destroyForcibly();
        }
      }
    }
  }
}
