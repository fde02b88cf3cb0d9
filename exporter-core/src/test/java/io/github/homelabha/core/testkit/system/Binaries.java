package io.github.homelabha.core.testkit.system;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds programs the way a root shell would: on {@code PATH}, then in the sbin directories that a
 * normal user's PATH often lacks (where {@code ip} and {@code keepalived} live).
 */
public final class Binaries {
  private static final List<String> EXTRA_DIRECTORIES =
      List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

  private Binaries() {}

  /** The executable for {@code name}; a name containing '/' is taken as a path. */
  public static Optional<Path> locate(String name) {
    if (name.contains("/")) {
      Path path = Path.of(name);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    for (String directory : searchPath()) {
      Path candidate = Path.of(directory, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Like {@link #locate} but fails with a clear message, for use after the annotations checked. */
  public static Path require(String name) {
    return locate(name)
        .orElseThrow(
            () ->
                new IllegalStateException(name + " not found on PATH or in " + EXTRA_DIRECTORIES));
  }

  private static List<String> searchPath() {
    List<String> directories = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String directory : path.split(File.pathSeparator)) {
        if (!directory.isEmpty()) {
          directories.add(directory);
        }
      }
    }
    directories.addAll(EXTRA_DIRECTORIES);
    return directories;
  }
}
