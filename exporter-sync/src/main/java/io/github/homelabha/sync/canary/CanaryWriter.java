package io.github.homelabha.sync.canary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes the canary of one directory atomically: a temporary file in the same directory, then a
 * rename over the canary, so neither the replication tool nor a reader ever sees half a file.
 *
 * <p>The sequence continues from the canary already in the directory (whoever wrote it), so after a
 * failover the new source keeps counting up from what it had replicated and sequences stay
 * comparable between the two sides.
 */
public final class CanaryWriter {
  /** Temporary files start with the canary name, so tree scans can skip both alike. */
  static final String TEMP_SUFFIX = ".tmp";

  private final Path directory;
  private final Path canaryFile;
  private final String writer;
  private final Clock clock;
  private long lastSequence = -1;

  public CanaryWriter(Path directory, String fileName, String writer, Clock clock) {
    this.directory = directory;
    this.canaryFile = directory.resolve(fileName);
    this.writer = CanaryFormat.sanitizeWriter(writer);
    this.clock = clock;
  }

  public Path canaryFile() {
    return canaryFile;
  }

  /** Writes the next canary and returns it. */
  public synchronized Canary writeNext() throws IOException {
    if (!Files.isDirectory(directory)) {
      // Checked first: otherwise the error names a random temporary file inside the missing
      // directory, and cleaning that file up can replace the error with a less clear one.
      throw Files.exists(directory)
          ? new NotDirectoryException(directory.toString())
          : new NoSuchFileException(directory.toString());
    }
    long next = Math.max(lastSequence, existingSequence()) + 1;
    Canary canary = new Canary(clock.instant(), next, writer);
    Path temp =
        directory.resolve(
            canaryFile.getFileName()
                + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                + TEMP_SUFFIX);
    try {
      Files.writeString(temp, CanaryFormat.format(canary), StandardCharsets.UTF_8);
      try {
        Files.move(temp, canaryFile, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, canaryFile, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    lastSequence = next;
    return canary;
  }

  /**
   * The sequence of the canary in the directory, or -1. A garbled canary restarts at 0 rather than
   * blocking the heartbeat: the replica reports the jump, the lag stays correct.
   */
  private long existingSequence() {
    try {
      return CanaryReader.read(canaryFile).sequence();
    } catch (CanaryReader.CanaryReadException | CanaryParseException e) {
      return -1;
    }
  }
}
