package io.github.homelabha.core.testkit.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides what happens to a system test whose environment falls short: nothing when all is there, a
 * skip with instructions on a developer machine, a failure under CI (where a skip would hide that
 * the system tests never ran).
 */
final class SystemRequirements {
  /** What to do with the test: run it ({@code message} empty), skip it, or fail it. */
  record Verdict(Action action, String message) {}

  enum Action {
    RUN,
    SKIP,
    FAIL
  }

  private SystemRequirements() {}

  static Verdict judge(
      boolean rootNeeded, boolean isRoot, List<String> missingBinaries, boolean ci) {
    List<String> problems = new ArrayList<>();
    if (rootNeeded && !isRoot) {
      problems.add("needs root (network namespaces, real daemons)");
    }
    if (!missingBinaries.isEmpty()) {
      problems.add("needs programs not found on PATH or in /usr/sbin, /sbin: " + missingBinaries);
    }
    if (problems.isEmpty()) {
      return new Verdict(Action.RUN, "");
    }
    String what = String.join("; ", problems);
    if (ci) {
      return new Verdict(
          Action.FAIL,
          "CI=true, so this system test must run but it " + what + " (see .ci/run for the setup)");
    }
    return new Verdict(
        Action.SKIP,
        "system test skipped: it "
            + what
            + ". run-tests.sh installs the programs when run as root, e.g. `sudo ./run-tests.sh`;"
            + " with CI=true this skip becomes a failure");
  }

  static boolean ciEnvironment() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * Effective uid 0, read from /proc (Linux only; elsewhere we are never root for our purposes).
   */
  static boolean runningAsRoot() {
    return effectiveUid().map(uid -> uid == 0).orElse(false);
  }

  private static Optional<Integer> effectiveUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          String[] ids = line.substring(4).trim().split("\\s+");
          return Optional.of(Integer.parseInt(ids[1]));
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  static List<String> missing(String... binaries) {
    List<String> missing = new ArrayList<>();
    for (String binary : binaries) {
      if (Binaries.locate(binary).isEmpty()) {
        missing.add(binary);
      }
    }
    return missing;
  }
}
