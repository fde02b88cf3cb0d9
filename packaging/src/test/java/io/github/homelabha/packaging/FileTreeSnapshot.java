package io.github.homelabha.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The paths (files, directories, links) under some directories, to compare before and after. */
public final class FileTreeSnapshot {
  private FileTreeSnapshot() {}

  /** Every path under {@code roots}, without descending into {@code skipped} directories. */
  public static Set<String> of(List<Path> roots, List<Path> skipped) {
    Set<String> paths = new TreeSet<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        continue;
      }
      try {
        Files.walkFileTree(
            root,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (skipped.contains(dir)) {
                  return FileVisitResult.SKIP_SUBTREE;
                }
                paths.add(dir.toString());
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                paths.add(file.toString());
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (e instanceof NoSuchFileException) {
                  return FileVisitResult.CONTINUE; // removed meanwhile by something else
                }
                paths.add(file.toString());
                return FileVisitResult.CONTINUE;
              }
            });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return paths;
  }
}
