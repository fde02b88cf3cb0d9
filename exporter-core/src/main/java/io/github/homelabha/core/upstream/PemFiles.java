package io.github.homelabha.core.upstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
    if (!Files.isRegularFile(path)) {
      throw new IOException(file + " is missing or not a regular file");
    }
    if (!Files.isReadable(path)) {
      throw new IOException("cannot read " + file + " (no permission)");
    }
    if (Files.size(path) > MAX_BYTES) {
      throw new IOException(file + " is larger than " + MAX_BYTES + " bytes: not a PEM file");
    }
    if (privateKey) {
      try {
        Set<PosixFilePermission> mode =
            Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (mode.contains(PosixFilePermission.OTHERS_READ)
            || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
          throw new IOException(
              file + " is readable or writable by every user: chmod o-rwx " + file);
        }
      } catch (UnsupportedOperationException e) {
        // No POSIX permissions on this file system: nothing to check.
      }
    }
    byte[] bytes;
    try (var in = Files.newInputStream(path)) {
      bytes = in.readNBytes((int) MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      throw new IOException(file + " is larger than " + MAX_BYTES + " bytes: not a PEM file");
    }
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
