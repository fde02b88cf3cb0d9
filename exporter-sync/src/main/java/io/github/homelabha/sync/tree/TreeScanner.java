package io.github.homelabha.sync.tree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * Walks one directory tree and summarises it. Only metadata is read; memory stays bounded by the
 * sample size whatever the tree's size.
 */
public final class TreeScanner {
  /** Oldest first, so the heap's head is the sample entry to drop; ties broken by path. */
  private static final Comparator<SampleEntry> OLDEST_FIRST =
      Comparator.comparingLong(SampleEntry::mtimeSeconds)
          .thenComparing(SampleEntry::path, Comparator.reverseOrder());

  private final int sampleSize;
  private final int maxEntries;
  private final Predicate<String> excludedName;
  private final Clock clock;

  /**
   * @param excludedName file names (not paths) left out of the summary: the canary and its
   *     temporary files
   */
  public TreeScanner(int sampleSize, int maxEntries, Predicate<String> excludedName, Clock clock) {
    this.sampleSize = sampleSize;
    this.maxEntries = maxEntries;
    this.excludedName = excludedName;
    this.clock = clock;
  }

  public TreeSummary scan(Path root) throws IOException {
    Instant started = clock.instant();
    long startNanos = System.nanoTime();
    if (!Files.isDirectory(root)) {
      throw Files.exists(root)
          ? new NotDirectoryException(root.toString())
          : new NoSuchFileException(root.toString());
    }
    Visitor visitor = new Visitor(root);
    Files.walkFileTree(root, visitor);
    Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
    return new TreeSummary(
        visitor.files,
        visitor.directories,
        visitor.bytes,
        visitor.newestMtimeMillis == Long.MIN_VALUE
            ? Optional.empty()
            : Optional.of(Instant.ofEpochMilli(visitor.newestMtimeMillis)),
        digest(visitor.sample),
        visitor.sample.size(),
        visitor.unreadable,
        visitor.truncated,
        started,
        duration);
  }

  /** Order-independent of the walk: the sample is sorted by path before hashing. */
  static long digest(PriorityQueue<SampleEntry> sample) {
    List<SampleEntry> entries = new ArrayList<>(sample);
    entries.sort(Comparator.comparing(SampleEntry::path));
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    for (SampleEntry e : entries) {
      sha.update(
          (e.path() + '\0' + e.size() + '\0' + e.mtimeSeconds() + '\n')
              .getBytes(StandardCharsets.UTF_8));
    }
    byte[] hash = sha.digest();
    long value = 0;
    for (int i = 0; i < 6; i++) {
      value = (value << 8) | (hash[i] & 0xff);
    }
    return value;
  }

  record SampleEntry(String path, long size, long mtimeSeconds) {}

  private final class Visitor extends SimpleFileVisitor<Path> {
    private final Path root;
    private final PriorityQueue<SampleEntry> sample = new PriorityQueue<>(OLDEST_FIRST);
    long files;
    long directories;
    long bytes;
    long unreadable;
    long entries;
    long newestMtimeMillis = Long.MIN_VALUE;
    boolean truncated;

    Visitor(Path root) {
      this.root = root;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      if (!dir.equals(root)) {
        directories++;
        if (++entries >= maxEntries) {
          truncated = true;
          return FileVisitResult.TERMINATE;
        }
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      Path name = file.getFileName();
      if (name != null && excludedName.test(name.toString())) {
        return FileVisitResult.CONTINUE;
      }
      files++;
      if (attrs.isRegularFile()) {
        bytes += attrs.size();
        long mtime = attrs.lastModifiedTime().toMillis();
        newestMtimeMillis = Math.max(newestMtimeMillis, mtime);
        if (sampleSize > 0) {
          offer(new SampleEntry(relative(file), attrs.size(), Math.floorDiv(mtime, 1000)));
        }
      }
      if (++entries >= maxEntries) {
        truncated = true;
        return FileVisitResult.TERMINATE;
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
      if (file.equals(root)) {
        throw exc;
      }
      if (exc instanceof NoSuchFileException) {
        // Deleted between listing and reading: normal on a live tree.
        return FileVisitResult.CONTINUE;
      }
      // Permissions and I/O errors: counted, so a partial view is visible rather than silent.
      unreadable++;
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
      if (exc != null) {
        if (dir.equals(root)) {
          throw exc;
        }
        unreadable++;
      }
      return FileVisitResult.CONTINUE;
    }

    private void offer(SampleEntry entry) {
      if (sample.size() < sampleSize) {
        sample.add(entry);
      } else if (OLDEST_FIRST.compare(entry, sample.peek()) > 0) {
        sample.poll();
        sample.add(entry);
      }
    }

    private String relative(Path file) {
      String rel = root.relativize(file).toString();
      return file.getFileSystem().getSeparator().equals("/")
          ? rel
          : rel.replace(file.getFileSystem().getSeparator(), "/");
    }
  }
}
