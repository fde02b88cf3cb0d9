package io.github.homelabha.keepalived.process;

import io.github.homelabha.core.api.ScrapeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads keepalived's pid file and checks that the pid belongs to keepalived before anything signals
 * it: a stale pid file may point at a reused pid, and sending signal 36 to another program would
 * kill it. {@code /proc/PID/exe} is checked when readable (root); without it (an exporter with only
 * CAP_KILL and CAP_DAC_READ_SEARCH cannot read another user's {@code exe} link) both {@code comm}
 * and the first word of {@code cmdline} must name keepalived.
 */
public final class ProcessVerifier {
  private static final String NAME = "keepalived";
  private final Path proc;

  public ProcessVerifier() {
    this(Path.of("/proc"));
  }

  /** For tests: a directory laid out like {@code /proc}. */
  public ProcessVerifier(Path proc) {
    this.proc = proc;
  }

  public KeepalivedProcess verify(Path pidFile) throws ScrapeException {
    long pid = readPid(pidFile);
    Path dir = proc.resolve(Long.toString(pid));
    if (!Files.isDirectory(dir)) {
      throw new ScrapeException(
          "not_running",
          "pid file "
              + pidFile
              + " names pid "
              + pid
              + " but no such process runs: keepalived stopped (start it, or point"
              + " --keepalived.pid-file at the pid file it writes)");
    }
    if (!isKeepalived(dir)) {
      throw new ScrapeException(
          "not_running",
          "pid "
              + pid
              + " from "
              + pidFile
              + " is not keepalived (stale pid file?); not signalling it. Restart keepalived"
              + " or fix --keepalived.pid-file");
    }
    return new KeepalivedProcess(pid, startTicks(dir));
  }

  private long readPid(Path pidFile) throws ScrapeException {
    String text;
    try {
      text = Files.readString(pidFile, StandardCharsets.US_ASCII).trim();
    } catch (NoSuchFileException e) {
      throw new ScrapeException(
          "not_running",
          "pid file "
              + pidFile
              + " does not exist: keepalived is not running, or writes its pid elsewhere"
              + " (set --keepalived.pid-file to keepalived's -p/--pid path)");
    } catch (AccessDeniedException e) {
      throw new ScrapeException(
          "permission", "cannot read pid file " + pidFile + ": permission denied");
    } catch (IOException e) {
      throw new ScrapeException(
          "not_running", "cannot read pid file " + pidFile + ": " + e.getClass().getSimpleName());
    }
    if (!text.matches("[1-9][0-9]{0,9}")) {
      throw new ScrapeException(
          "not_running", "pid file " + pidFile + " does not contain a process id");
    }
    return Long.parseLong(text);
  }

  private static boolean isKeepalived(Path dir) {
    try {
      Path exe = Files.readSymbolicLink(dir.resolve("exe"));
      String base = exe.getFileName() == null ? "" : exe.getFileName().toString();
      // after a package upgrade the running binary shows as "keepalived (deleted)"
      return base.equals(NAME) || base.equals(NAME + " (deleted)");
    } catch (IOException | UnsupportedOperationException e) {
      return commAndCmdlineSayKeepalived(dir);
    }
  }

  private static boolean commAndCmdlineSayKeepalived(Path dir) {
    try {
      String comm = Files.readString(dir.resolve("comm"), StandardCharsets.UTF_8).trim();
      byte[] cmdline = Files.readAllBytes(dir.resolve("cmdline"));
      int end = 0;
      while (end < cmdline.length && cmdline[end] != 0) {
        end++;
      }
      String argv0 = new String(cmdline, 0, end, StandardCharsets.UTF_8);
      String base = argv0.substring(argv0.lastIndexOf('/') + 1);
      return comm.equals(NAME) && base.equals(NAME);
    } catch (IOException e) {
      return false;
    }
  }

  private static long startTicks(Path dir) {
    try {
      String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
      // the command name (field 2) may contain spaces and parentheses: fields after the last ')'
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      return f.length > 19 && f[19].matches("\\d{1,19}") ? Long.parseLong(f[19]) : 0;
    } catch (IOException | IndexOutOfBoundsException e) {
      return 0;
    }
  }
}
