package io.github.homelabha.sync.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a system test on a laptop without the tools it drives, but fails it under CI (environment
 * variable CI=true), where a skipped system test would hide a broken environment.
 */
public final class SystemTools {
  private SystemTools() {}

  public static void requireBinaries(String... names) {
    for (String name : names) {
      if (find(name) == null) {
        String message = "system test needs '" + name + "' on the PATH";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          Assertions.fail(message + " (CI=true: missing tools are an error)");
        }
        Assumptions.abort(message + "; skipped (set CI=true to make this an error)");
      }
    }
  }

  public static void requireRoot() {
    if (!"root".equals(System.getProperty("user.name"))) {
      String message = "system test needs root (network namespaces)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(message + " (CI=true: this is an error)");
      }
      Assumptions.abort(message + "; skipped");
    }
  }

  public static Path find(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    for (String dir : new String[] {"/usr/sbin", "/sbin"}) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
