package io.github.homelabha.sync.canary;

import io.github.homelabha.sync.fs.FileErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the replicated canary of one directory, bounded in size. */
public final class CanaryReader {

  private CanaryReader() {}

  /** Reads and parses; a missing or unreadable file is a {@link CanaryReadException}. */
  public static Canary read(Path file) throws CanaryReadException, CanaryParseException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      // One byte more than allowed so an oversized file is detected without reading it all.
      bytes = in.readNBytes(CanaryFormat.MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new CanaryReadException(
          "no canary at " + file + " (is the source side writing it and is it replicated here?)");
    } catch (IOException e) {
      throw new CanaryReadException("cannot read canary " + file + ": " + FileErrors.describe(e));
    }
    return CanaryFormat.parse(bytes);
  }

  /** The canary file exists but could not be read, or does not exist. */
  public static final class CanaryReadException extends Exception {
    public CanaryReadException(String message) {
      super(message);
    }
  }
}
