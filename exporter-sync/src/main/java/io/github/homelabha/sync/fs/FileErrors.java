package io.github.homelabha.sync.fs;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Turns a file system exception into the sentence a user reads in a log line or on the landing
 * page. {@code NoSuchFileException.toString()} reads "java.nio.file.NoSuchFileException: /x", which
 * names neither the problem nor the fix; this says "/x: no such file or directory".
 */
public final class FileErrors {
  private FileErrors() {}

  public static String describe(Exception e) {
    if (e instanceof FileSystemException fse && fse.getFile() != null) {
      String file = fse.getFile() + (fse.getOtherFile() == null ? "" : " -> " + fse.getOtherFile());
      if (fse.getReason() != null) {
        return file + ": " + fse.getReason();
      }
      if (e instanceof NoSuchFileException) {
        return file + ": no such file or directory";
      }
      if (e instanceof AccessDeniedException) {
        return file + ": permission denied";
      }
      if (e instanceof NotDirectoryException) {
        return file + ": not a directory";
      }
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
