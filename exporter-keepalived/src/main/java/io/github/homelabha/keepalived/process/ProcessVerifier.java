package io.github.homelabha.keepalived.process;

import io.github.homelabha.core.api.ScrapeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads keepalived's pid file and checks that the pid belongs to keepalived before anything signals
 * it: a stale pid file may point at a reused pid, and signal 36 kills most programs.
 *
 * <p>A name is not enough (any user can run a program called {@code keepalived}). When {@code
 * /proc/PID/exe} is readable (root), the executable must be a file named keepalived owned by root
 * and writable by nobody else, in a system directory or at the configured binary's path. Without it
 * (an exporter with only CAP_KILL and CAP_DAC_READ_SEARCH cannot read another user's {@code exe}),
 * the process must run as root and both {@code comm} and {@code cmdline} must name keepalived.
 */
public final class ProcessVerifier {
  private static final String NAME = "keepalived";
  private static final int S_IWGRP = 0020;
  private static final int S_IWOTH = 0002;

  /** Where packages and administrators install daemons. */
  private static final List<Path> SYSTEM_DIRS =
      List.of(
          Path.of("/usr/sbin"),
          Path.of("/usr/bin"),
          Path.of("/sbin"),
          Path.of("/bin"),
          Path.of("/usr/local/sbin"),
          Path.of("/usr/local/bin"));

  private final Path proc;
  private final int trustedUid;
  private final List<Path> binaryDirs;
  private final Optional<Path> configuredBinary;

  /** Verifies against {@code /proc}; {@code binary} is the configured keepalived binary. */
  public ProcessVerifier(String binary) {
    this(Path.of("/proc"), 0, SYSTEM_DIRS, binary);
  }

  public ProcessVerifier() {
    this(NAME);
  }

  /**
   * For tests: a directory laid out like {@code /proc}, the owner a real keepalived runs as and
   * whose binaries are trusted, and the directories trusted binaries live in.
   */
  ProcessVerifier(Path proc, int trustedUid, List<Path> binaryDirs, String binary) {
    this.proc = proc;
    this.trustedUid = trustedUid;
    this.binaryDirs = List.copyOf(binaryDirs);
    Path b = Path.of(binary);
    this.configuredBinary = b.isAbsolute() ? Optional.of(b.normalize()) : Optional.empty();
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
    long started = startTicks(dir);
    if (started < 0) {
      throw new ScrapeException("not_running", "pid " + pid + " from " + pidFile + " just exited");
    }
    Optional<String> problem = notKeepalived(dir);
    if (problem.isPresent()) {
      throw new ScrapeException(
          "not_running",
          "pid "
              + pid
              + " from "
              + pidFile
              + " is not keepalived ("
              + problem.get()
              + "); not signalling it. Restart keepalived or fix --keepalived.pid-file");
    }
    if (startTicks(dir) != started) {
      throw new ScrapeException(
          "not_running", "pid " + pid + " from " + pidFile + " changed while being checked");
    }
    return new KeepalivedProcess(pid, started, uid(dir));
  }

  /**
   * Fails unless {@code process} still runs as the same process (same start time): called right
   * before signalling, so a keepalived that exited and whose pid went to another program since the
   * scrape began is left alone.
   */
  public void requireUnchanged(KeepalivedProcess process) throws ScrapeException {
    long now = startTicks(proc.resolve(Long.toString(process.pid())));
    if (now != process.startTicks()) {
      throw new ScrapeException(
          "not_running",
          "keepalived (pid " + process.pid() + ") exited or was replaced; not signalling");
    }
  }

  private long readPid(Path pidFile) throws ScrapeException {
    String text;
    try {
      if (Files.size(pidFile) > 64) {
        throw new ScrapeException(
            "not_running", "pid file " + pidFile + " does not contain a process id");
      }
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

  /** Why the process in {@code dir} is not a trusted keepalived, or empty if it is. */
  private Optional<String> notKeepalived(Path dir) {
    Path exe;
    try {
      exe = Files.readSymbolicLink(dir.resolve("exe"));
    } catch (IOException | UnsupportedOperationException e) {
      return notKeepalivedByName(dir);
    }
    // after a package upgrade the running binary shows as "/usr/sbin/keepalived (deleted)"
    String path = exe.toString();
    if (path.endsWith(" (deleted)")) {
      path = path.substring(0, path.length() - " (deleted)".length());
    }
    Path binary = Path.of(path).normalize();
    if (binary.getFileName() == null || !binary.getFileName().toString().equals(NAME)) {
      return Optional.of("its program is " + exe);
    }
    boolean trustedPlace =
        binaryDirs.contains(binary.getParent()) || configuredBinary.equals(Optional.of(binary));
    if (!trustedPlace) {
      return Optional.of(
          "its program "
              + binary
              + " is neither in a system directory nor the configured --keepalived.binary");
    }
    // the link itself leads to the running file, even one deleted since
    Map<String, Object> a = attributes(dir.resolve("exe"));
    if (a == null
        || ((Integer) a.get("uid")) != trustedUid
        || (((Integer) a.get("mode")) & (S_IWGRP | S_IWOTH)) != 0) {
      return Optional.of(
          "its program " + binary + " is not owned by root or is writable by other users");
    }
    return Optional.empty();
  }

  private Optional<String> notKeepalivedByName(Path dir) {
    if (uid(dir) != trustedUid) {
      return Optional.of("it does not run as root");
    }
    try {
      String comm = Files.readString(dir.resolve("comm"), StandardCharsets.UTF_8).trim();
      byte[] cmdline = Files.readAllBytes(dir.resolve("cmdline"));
      int end = 0;
      while (end < cmdline.length && cmdline[end] != 0) {
        end++;
      }
      String argv0 = new String(cmdline, 0, end, StandardCharsets.UTF_8);
      String base = argv0.substring(argv0.lastIndexOf('/') + 1);
      if (comm.equals(NAME) && base.equals(NAME)) {
        return Optional.empty();
      }
      return Optional.of("its name is " + comm);
    } catch (IOException e) {
      return Optional.of("its name cannot be read");
    }
  }

  static long startTicks(Path dir) {
    try {
      String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
      // the command name (field 2) may contain spaces and parentheses: fields after the last ')'
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      return f.length > 19 && f[19].matches("\\d{1,19}") ? Long.parseLong(f[19]) : -1;
    } catch (IOException | IndexOutOfBoundsException e) {
      return -1;
    }
  }

  private static int uid(Path p) {
    Map<String, Object> a = attributes(p);
    return a == null ? -1 : (Integer) a.get("uid");
  }

  private static Map<String, Object> attributes(Path p) {
    try {
      return Files.readAttributes(p, "unix:uid,mode");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
  }
}
