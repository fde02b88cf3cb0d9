package io.github.homelabha.core.testkit.system;

import java.util.List;

/** The outcome of a finished command: exit code and everything it printed. */
public record ProcessResult(int exitCode, String stdout, String stderr) {

  public boolean succeeded() {
    return exitCode == 0;
  }

  /**
   * Returns this result when the command succeeded, else throws with the full output, so that setup
   * steps fail with the reason rather than a bare exit code.
   */
  public ProcessResult orThrow(List<String> command) {
    if (!succeeded()) {
      throw new IllegalStateException(
          String.join(" ", command)
              + " exited with "
              + exitCode
              + "\nstdout: "
              + stdout.strip()
              + "\nstderr: "
              + stderr.strip());
    }
    return this;
  }
}
