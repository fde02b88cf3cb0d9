package io.github.homelabha.keepalived.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import io.github.homelabha.core.api.ScrapeException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals through libc, without starting a process. Where the kernel has pidfds (Linux 5.3+), the
 * process is pinned with {@code pidfd_open} first and its start time checked again after that: from
 * then on the signal can only reach that very process, even if it exits and its pid is reused.
 * Older kernels get {@code kill(2)} right after the same check.
 */
final class NativeSignaller implements Signaller {
  private static final Logger LOG = LoggerFactory.getLogger(NativeSignaller.class);

  private final LibC libc;
  private final ProcessVerifier verifier;
  private volatile boolean pidfds = true;

  private NativeSignaller(LibC libc, ProcessVerifier verifier) {
    this.libc = libc;
    this.verifier = verifier;
  }

  /** Empty when libc cannot be loaded through JNA here. */
  static Optional<Signaller> load(ProcessVerifier verifier) {
    try {
      return Optional.of(new NativeSignaller(Native.load("c", LibC.class), verifier));
    } catch (UnsatisfiedLinkError | NoClassDefFoundError | IllegalStateException e) {
      LOG.info("cannot load libc ({}); signalling keepalived with the kill command", e.toString());
      return Optional.empty();
    }
  }

  @Override
  public void sendAll(KeepalivedProcess process, List<Integer> signals) throws ScrapeException {
    int pidfd = pidfds ? openPidfd(process) : -1;
    try {
      // checked after pinning: a pidfd opened on a reused pid shows the new process' start time
      verifier.requireUnchanged(process);
      for (int signal : signals) {
        send(process, pidfd, signal);
      }
    } finally {
      if (pidfd >= 0) {
        libc.close(pidfd);
      }
    }
  }

  private int openPidfd(KeepalivedProcess process) throws ScrapeException {
    try {
      return libc.syscall(
              new NativeLong(LibC.SYS_PIDFD_OPEN), new NativeLong(process.pid()), new NativeLong(0))
          .intValue();
    } catch (LastErrorException e) {
      if (e.getErrorCode() == LibC.ENOSYS) {
        pidfds = false; // kernel before 5.3
        return -1;
      }
      throw failure(process, e.getErrorCode(), "pidfd_open");
    }
  }

  private void send(KeepalivedProcess process, int pidfd, int signal) throws ScrapeException {
    try {
      if (pidfd >= 0) {
        libc.syscall(
            new NativeLong(LibC.SYS_PIDFD_SEND_SIGNAL),
            new NativeLong(pidfd),
            new NativeLong(signal),
            new NativeLong(0),
            new NativeLong(0));
      } else {
        libc.kill((int) process.pid(), signal);
      }
    } catch (LastErrorException e) {
      throw failure(process, e.getErrorCode(), "signal " + signal);
    }
  }

  private static ScrapeException failure(KeepalivedProcess process, int errno, String what) {
    return switch (errno) {
      case LibC.ESRCH ->
          new ScrapeException(
              "not_running", "keepalived (pid " + process.pid() + ") exited before " + what);
      case LibC.EPERM ->
          new ScrapeException(
              "permission",
              what
                  + " to keepalived pid "
                  + process.pid()
                  + " not permitted (run as root or grant CAP_KILL)");
      default ->
          new ScrapeException(
              "signal", what + " to keepalived pid " + process.pid() + " failed: errno " + errno);
    };
  }
}
