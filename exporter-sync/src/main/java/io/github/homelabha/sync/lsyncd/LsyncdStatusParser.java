package io.github.homelabha.sync.lsyncd;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses lsyncd 2.2's statusFile. lsyncd truncates and rewrites the file in place, so a reader can
 * see a prefix of it: the {@code Inotify watching N directories} line and its N path lines end a
 * complete report, and anything shorter is reported as incomplete. Only counts are kept, so a
 * report listing a backlog of millions of delays parses in constant memory.
 */
public final class LsyncdStatusParser {
  private static final String HEADER = "Lsyncd status report at ";
  private static final Pattern SYNC = Pattern.compile("Sync(\\d{1,6}) source=(.*)");
  private static final Pattern DELAYS = Pattern.compile("There (?:are|is) (\\d{1,9}) delays?");
  private static final Pattern DELAY_LINE = Pattern.compile("([a-z]{1,16})\\s+(\\S+)\\s+(.*)");
  private static final Pattern WATCHING =
      Pattern.compile("Inotify watching (\\d{1,9}) director(?:y|ies)");
  private static final Pattern WATCH_LINE = Pattern.compile("\\s+\\d{1,12}: .*");
  private static final Set<String> STATES = Set.of("active", "wait", "block");

  private LsyncdStatusParser() {}

  public static LsyncdStatus parse(String text) throws LsyncdParseException {
    try {
      return parse(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException("a StringReader does not fail", e);
    }
  }

  /**
   * Parses line by line: memory stays at one line whatever the size of the backlog the file lists.
   */
  public static LsyncdStatus parse(Reader in) throws IOException, LsyncdParseException {
    StatusLines lines = new StatusLines(in);
    String header = lines.next();
    if (header == null) {
      throw new LsyncdParseException("status file is empty (being rewritten?)", true);
    }
    if (!header.startsWith(HEADER)) {
      throw notAStatusFile();
    }
    List<LsyncdStatus.Sync> syncs = new ArrayList<>();
    for (String line = lines.next(); line != null; line = lines.next()) {
      Matcher sync = SYNC.matcher(line);
      Matcher watching = WATCHING.matcher(line);
      if (line.isBlank()) {
        continue;
      }
      if (sync.matches()) {
        syncs.add(parseSync(lines, sync.group(2)));
      } else if (watching.matches()) {
        int count = Integer.parseInt(watching.group(1));
        return new LsyncdStatus(syncs, watchedDirectories(lines, count));
      } else {
        throw new LsyncdParseException(
            "unexpected line " + lines.number() + ": " + shorten(line), false);
      }
    }
    throw new LsyncdParseException(
        "status file has no 'Inotify watching N directories' line (being rewritten?)", true);
  }

  /** Whether a first line cut short could still become the report's header. */
  static boolean mayStartAReport(String partialFirstLine) {
    return partialFirstLine.startsWith(HEADER) || HEADER.startsWith(partialFirstLine);
  }

  static LsyncdParseException notAStatusFile() {
    return new LsyncdParseException(
        "not an lsyncd status file: no '" + HEADER.strip() + "'", false);
  }

  /** Counts the watch lines after {@code Inotify watching N directories}; they end the report. */
  private static int watchedDirectories(StatusLines lines, int count)
      throws IOException, LsyncdParseException {
    int listed = 0;
    while (lines.peek() != null && WATCH_LINE.matcher(lines.peek()).matches()) {
      lines.next();
      listed++;
    }
    if (listed < count) {
      throw new LsyncdParseException(
          "status file lists "
              + listed
              + " of "
              + count
              + " watched directories (being rewritten?)",
          true);
    }
    for (String line = lines.next(); line != null; line = lines.next()) {
      if (!line.isBlank()) {
        throw new LsyncdParseException("unexpected text after the watched directories", false);
      }
    }
    return count;
  }

  /** Parses one sync block after its {@code SyncN} line. */
  private static LsyncdStatus.Sync parseSync(StatusLines lines, String source)
      throws IOException, LsyncdParseException {
    String delaysLine = lines.next();
    if (delaysLine == null) {
      throw new LsyncdParseException(
          "status file ends inside a sync block (being rewritten?)", true);
    }
    Matcher delays = DELAYS.matcher(delaysLine);
    if (!delays.matches()) {
      throw new LsyncdParseException(
          "expected 'There are N delays' at line " + lines.number() + ": " + shorten(delaysLine),
          false);
    }
    int delayCount = Integer.parseInt(delays.group(1));
    Map<String, Integer> byState = new LinkedHashMap<>();
    for (String line = lines.next(); ; line = lines.next()) {
      if (line == null) {
        throw new LsyncdParseException(
            "status file ends before 'Filtering:' (being rewritten?)", true);
      }
      if (line.startsWith("Filtering:")) {
        break;
      }
      if (line.startsWith("->") || line.startsWith(" ")) {
        continue; // continuation of a move: "-> target path"
      }
      Matcher delay = DELAY_LINE.matcher(line);
      if (!delay.matches()) {
        throw new LsyncdParseException(
            "unexpected delay line " + lines.number() + ": " + shorten(line), false);
      }
      String state = STATES.contains(delay.group(1)) ? delay.group(1) : "other";
      byState.merge(state, 1, Integer::sum);
    }
    // Filter rules (or "  nothing.") are indented; the block ends at the first unindented line.
    while (lines.peek() != null && lines.peek().startsWith(" ")) {
      lines.next();
    }
    return new LsyncdStatus.Sync(source, delayCount, byState);
  }

  private static String shorten(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
  }
}
