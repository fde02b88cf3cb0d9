package io.github.homelabha.keepalived.vip;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the named network namespace ({@code ip netns}) a process runs in, so the VIP check looks
 * where keepalived adds its addresses even when nobody configured {@code --keepalived.netns}.
 * Namespaces are compared by the identity of {@code /proc/PID/ns/net} and {@code /run/netns/NAME};
 * reading another process's namespace link needs the same privileges as signalling it.
 */
public final class NetnsResolver {
  private final Path proc;
  private final Path named;

  public NetnsResolver() {
    this(Path.of("/proc"), Path.of("/run/netns"));
  }

  NetnsResolver(Path proc, Path named) {
    this.proc = proc;
    this.named = named;
  }

  /**
   * The name of {@code pid}'s network namespace when it differs from ours and has a name; empty
   * when it is ours, or cannot be told.
   */
  public Optional<String> namespaceOf(long pid) {
    Object theirs = identity(proc.resolve(Long.toString(pid)).resolve("ns/net"));
    Object ours = identity(proc.resolve("self/ns/net"));
    if (theirs == null || Objects.equals(theirs, ours) || !Files.isDirectory(named)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(named)) {
      for (Path p : ds) {
        if (theirs.equals(identity(p))) {
          return Optional.of(p.getFileName().toString());
        }
      }
    } catch (IOException e) {
      // unreadable /run/netns: the caller checks the host namespace
    }
    return Optional.empty();
  }

  private static Object identity(Path p) {
    try {
      return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }
}
