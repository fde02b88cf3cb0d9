package io.github.homelabha.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.stream.Stream;

/** The .deb files this module's build produced ({@code target/<name>_<version>_all.deb}). */
public final class BuiltPackages {
  public static final String EXPORTERS = "ha-exporters";
  public static final String MONITORING = "ha-exporters-monitoring";

  private BuiltPackages() {}

  /** The build directory: Maven passes it; an IDE run from the module directory finds it too. */
  public static Path targetDirectory() {
    return Path.of(System.getProperty("packaging.target", "target")).toAbsolutePath();
  }

  /**
   * The package named {@code name} the build wrote last (earlier builds without {@code clean} leave
   * their versions beside it).
   */
  public static Path deb(String name) {
    try (Stream<Path> files = Files.list(targetDirectory())) {
      return files
          .filter(p -> p.getFileName().toString().matches(name + "_[^_]+_all\\.deb"))
          .max(Comparator.comparing(BuiltPackages::modified))
          .orElseThrow(
              () -> new IllegalStateException("no " + name + "_*_all.deb in " + targetDirectory()));
    } catch (IOException e) {
      throw new UncheckedIOException("no build directory " + targetDirectory(), e);
    }
  }

  private static FileTime modified(Path path) {
    try {
      return Files.getLastModifiedTime(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
