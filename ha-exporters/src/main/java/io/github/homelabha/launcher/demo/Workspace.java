package io.github.homelabha.launcher.demo;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** The demo's temporary directory: every file it writes, deleted when the demo stops. */
final class Workspace implements AutoCloseable {
  private final Path root;

  private Workspace(Path root) {
    this.root = root;
  }

  static Workspace create() throws IOException {
    return new Workspace(Files.createTempDirectory("ha-exporters-demo-"));
  }

  Path root() {
    return root;
  }

  /** A directory under the workspace, created if needed. */
  Path dir(String relative) throws IOException {
    return Files.createDirectories(root.resolve(relative));
  }

  @Override
  public void close() throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
