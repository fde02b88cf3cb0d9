package io.github.homelabha.keepalived.process;

import io.github.homelabha.core.api.ScrapeException;
import io.github.homelabha.keepalived.dump.DumpParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules for reading keepalived's dump files in a directory other users may write to ({@code
 * /tmp}): only plain files owned by root or keepalived's user, never through a link, never more
 * than {@link #MAX_BYTES}. A FIFO or device is never opened (opening one may block forever), and a
 * file someone else planted is never believed.
 */
final class TrustedDumpFiles {
  /** About 4,000 VRRP instances; keeps a planted or runaway file from exhausting the heap. */
  static final int MAX_BYTES = 4 << 20;

  private static final int S_IWGRP = 0020;
  private static final int S_IWOTH = 0002;
  private static final int S_ISVTX = 01000;

  private TrustedDumpFiles() {}

  /**
   * Fails unless {@code dir} is owned by root or keepalived and nobody else can replace files in it
   * (not writable by others, or sticky like {@code /tmp}).
   */
  static void checkDirectory(Path dir, KeepalivedProcess process) throws ScrapeException {
    Map<String, Object> a;
    try {
      a = Files.readAttributes(dir, "unix:uid,mode");
    } catch (IOException e) {
      throw new ScrapeException("no_dump", "cannot read dump directory " + dir + ": " + e);
    }
    int uid = (Integer) a.get("uid");
    int mode = (Integer) a.get("mode");
    boolean othersMayReplace = (mode & (S_IWGRP | S_IWOTH)) != 0 && (mode & S_ISVTX) == 0;
    if ((uid != 0 && uid != process.uid()) || othersMayReplace) {
      throw new ScrapeException(
          "untrusted",
          "dump directory "
              + dir
              + " is owned by uid "
              + uid
              + " or writable by other users without the sticky bit: its files cannot be"
              + " trusted to come from keepalived");
    }
  }

  /** Why {@code file} (with stamp {@code s}) must not be read, or empty when it may. */
  static Optional<String> distrust(Path file, FileStamp s, KeepalivedProcess process) {
    if (!s.exists()) {
      return Optional.empty();
    }
    if (!s.regular()) {
      return Optional.of(file + " is not a regular file (a link, FIFO or device); not reading it");
    }
    if (s.uid() != 0 && s.uid() != process.uid()) {
      return Optional.of(
          file + " is owned by uid " + s.uid() + ", not root or keepalived; not reading it");
    }
    if (s.size() > MAX_BYTES) {
      return Optional.of(file + " is larger than " + (MAX_BYTES >> 20) + " MiB; not reading it");
    }
    return Optional.empty();
  }

  /** Reads a file whose stamp passed {@link #distrust}; never follows a link. */
  static String read(Path file) throws ScrapeException, DumpParseException {
    byte[] bytes;
    try (SeekableByteChannel ch =
            Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        InputStream in = Channels.newInputStream(ch)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (AccessDeniedException e) {
      throw new ScrapeException(
          "permission",
          "cannot read "
              + file
              + ": permission denied (keepalived writes dumps root-only: run the exporter as"
              + " root or with CAP_DAC_READ_SEARCH, or use the fifo-only mode)");
    } catch (IOException e) {
      // vanished between stat and read, or replaced by a link
      throw new DumpParseException("cannot read " + file.getFileName() + " completely");
    }
    if (bytes.length > MAX_BYTES) {
      throw new ScrapeException(
          "untrusted", file + " grew beyond " + (MAX_BYTES >> 20) + " MiB; not reading it");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      // a half-written multi-byte character
      throw new DumpParseException(file.getFileName() + " is not valid UTF-8 (yet)");
    }
  }
}
