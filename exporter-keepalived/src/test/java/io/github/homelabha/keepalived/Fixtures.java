package io.github.homelabha.keepalived;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Test data: dumps recorded from keepalived 2.2.7, and the shared reference dumps in place. */
public final class Fixtures {
  /** The VRRP password our recorded fixtures were made with; must never leak. */
  public static final String TEST_PASSWORD = "LEAKME42";

  private Fixtures() {}

  /** A dump recorded from the installed keepalived, e.g. {@code 2.2.7/master.json}. */
  public static String dump(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/dumps/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The shared reference dumps ({@code ../shared/reference/keepalived} from the repository root,
   * present in CI), or empty when this checkout has none.
   */
  public static Optional<Path> referenceDir() {
    Path moduleDir = Path.of("").toAbsolutePath();
    for (Path p = moduleDir; p != null; p = p.getParent()) {
      if (!Files.exists(p.resolve("mvnw"))) {
        continue;
      }
      for (Path root : List.of(p, mainWorktree(p))) {
        Path candidate = root.resolve("../shared/reference/keepalived").normalize();
        if (Files.isDirectory(candidate)) {
          return Optional.of(candidate);
        }
      }
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * In a linked git worktree, the repository root of the main checkout ({@code .git} is then a file
   * naming {@code <main>/.git/worktrees/<name>}); else the root itself.
   */
  private static Path mainWorktree(Path root) {
    Path git = root.resolve(".git");
    try {
      if (Files.isRegularFile(git)) {
        String line = Files.readString(git).trim();
        if (line.startsWith("gitdir:")) {
          Path gitdir = Path.of(line.substring("gitdir:".length()).trim());
          if (gitdir.getNameCount() >= 3) {
            return gitdir.getParent().getParent().getParent();
          }
        }
      }
    } catch (IOException e) {
      // not a worktree we can follow: use the root itself
    }
    return root;
  }

  public static String reference(String file) {
    try {
      return Files.readString(referenceDir().orElseThrow().resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
