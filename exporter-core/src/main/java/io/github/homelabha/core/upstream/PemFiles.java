package io.github.homelabha.core.upstream;

import io.github.homelabha.core.io.BoundedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Reads the PEM files of {@code tls_config}: regular files, bounded, private keys not shared. */
final class PemFiles {
  static final long MAX_BYTES = 1 << 20;

  private PemFiles() {}

  /**
   * The file's text. A private key file readable or writable by other users is refused: anyone on
   * the host could impersonate the exporter. Messages name the file, never its content.
   */
  static String read(String file, boolean privateKey) throws IOException {
    Path path = Path.of(file);
    if (!Files.exists(path)) {
      throw new IOException(file + " is missing");
    }
    if (privateKey) {
      try {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
        if (mode.contains(PosixFilePermission.OTHERS_READ)
            || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
          throw new IOException(
              file + " is readable or writable by every user: chmod o-rwx " + file);
        }
      } catch (UnsupportedOperationException e) {
        // No POSIX permissions on this file system: nothing to check.
      }
    }
    try {
      return new String(BoundedFiles.read(path, MAX_BYTES), StandardCharsets.US_ASCII);
    } catch (AccessDeniedException e) {
      throw new IOException("cannot read " + file + " (no permission)");
    }
  }
}
