package io.github.homelabha.sync.lsyncd;

import java.io.IOException;
import java.io.Reader;

/**
 * The complete lines of a statusFile, read one at a time so that a file with a huge backlog costs
 * one line of memory, not the whole file. A last line without its newline means lsyncd is still
 * writing the file: it is never handed out, but reported as incomplete.
 */
final class StatusLines {
  /** A delay or watch line holds one path; Linux paths are at most 4096 bytes. */
  static final int MAX_LINE_CHARS = 16 * 1024;

  private final Reader in;
  private final char[] buffer = new char[8192];
  private int position;
  private int length;
  private String peeked;
  private boolean hasPeeked;
  private int number;

  StatusLines(Reader in) {
    this.in = in;
  }

  /** The next line without taking it; null at the end of the file. */
  String peek() throws IOException, LsyncdParseException {
    if (!hasPeeked) {
      peeked = readLine();
      hasPeeked = true;
    }
    return peeked;
  }

  /** Takes the next line; null at the end of the file. */
  String next() throws IOException, LsyncdParseException {
    String line = peek();
    hasPeeked = false;
    if (line != null) {
      number++;
    }
    return line;
  }

  /** The 1-based number of the line {@link #next()} returned last. */
  int number() {
    return number;
  }

  private String readLine() throws IOException, LsyncdParseException {
    StringBuilder line = new StringBuilder();
    while (true) {
      if (position == length) {
        length = in.read(buffer);
        position = 0;
        if (length < 0) {
          length = 0;
          if (line.length() == 0) {
            return null;
          }
          throw partialLastLine(line.toString());
        }
      }
      char c = buffer[position++];
      if (c == '\n') {
        return line.toString();
      }
      if (line.length() >= MAX_LINE_CHARS) {
        throw new LsyncdParseException(
            "line " + (number + 1) + " is longer than " + MAX_LINE_CHARS + " characters", false);
      }
      line.append(c);
    }
  }

  private LsyncdParseException partialLastLine(String partial) {
    if (number == 0 && !hasPeeked && !LsyncdStatusParser.mayStartAReport(partial)) {
      return LsyncdStatusParser.notAStatusFile();
    }
    return new LsyncdParseException(
        "status file does not end with a newline (being rewritten?)", true);
  }
}
