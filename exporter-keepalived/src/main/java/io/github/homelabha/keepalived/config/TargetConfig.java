package io.github.homelabha.keepalived.config;

import io.github.homelabha.core.api.ConfigProblems;
import java.time.Duration;

/**
 * One keepalived process to watch. The defaults match Debian's packaged keepalived (pid file {@code
 * /run/keepalived.pid}, dumps in {@code /tmp}).
 */
public class TargetConfig {
  /** Value of the {@code target} label when several keepalived processes are watched. */
  public String name = "keepalived";

  /** keepalived's main pid file ({@code -p}); signals go to this process. */
  public String pidFile = "/run/keepalived.pid";

  /** keepalived's TMPDIR, where it writes keepalived.json/.data/.stats. */
  public String dumpDir = "/tmp";

  /** Path of keepalived's notify FIFO; empty to not read one. */
  public String notifyFifo = "";

  /** Read only the FIFO: never signal keepalived, never read dumps (works without privileges). */
  public boolean fifoOnly = false;

  /** true: JSON dump (fails on builds without it); false: text dumps; unset: JSON if supported. */
  public Boolean json;

  /** Also ask for the text data dump beside JSON (track script and interface status). */
  public boolean textData = true;

  /** Network namespace keepalived runs in, for checking its VIPs ({@code ip -n NS}). */
  public String netns = "";

  /** Check that each VIP is really configured on its interface. */
  public boolean vipCheck = true;

  /** Longest wait for keepalived to write a fresh dump. */
  public Duration dumpTimeout = Duration.ofSeconds(2);

  /** The keepalived binary, asked for its signal numbers. */
  public String binary = "keepalived";

  void validate(ConfigProblems p, String path) {
    p.require(
        name != null && name.matches("[A-Za-z0-9_.:-]{1,64}"),
        path + ".name",
        "must be 1-64 letters, digits, '_', '.', ':' or '-'");
    if (!fifoOnly) {
      p.require(pidFile != null && !pidFile.isBlank(), path + ".pid_file", "must be set");
      p.require(dumpDir != null && !dumpDir.isBlank(), path + ".dump_dir", "must be set");
    } else {
      p.require(
          notifyFifo != null && !notifyFifo.isBlank(),
          path + ".notify_fifo",
          "fifo_only needs notify_fifo");
    }
    p.require(
        dumpTimeout != null && !dumpTimeout.isNegative() && !dumpTimeout.isZero(),
        path + ".dump_timeout",
        "must be positive");
    p.require(
        netns == null || netns.isEmpty() || netns.matches("[A-Za-z0-9_.-]{1,64}"),
        path + ".netns",
        "must be a network namespace name");
    p.require(binary != null && !binary.isBlank(), path + ".binary", "must be set");
  }

  public boolean hasFifo() {
    return notifyFifo != null && !notifyFifo.isBlank();
  }
}
