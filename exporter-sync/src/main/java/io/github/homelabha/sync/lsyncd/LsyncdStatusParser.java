package io.github.homelabha.sync.lsyncd;

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
 * complete report, and anything shorter is reported as incomplete.
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
    if (text.isEmpty()) {
      throw new LsyncdParseException("status file is empty (being rewritten?)", true);
    }
    if (!text.startsWith(HEADER) && !HEADER.startsWith(text)) {
      throw new LsyncdParseException(
          "not an lsyncd status file: no '" + HEADER.strip() + "'", false);
    }
    if (!text.endsWith("\n")) {
      throw new LsyncdParseException(
          "status file does not end with a newline (being rewritten?)", true);
    }
    String[] lines = text.split("\n", -1);
    List<LsyncdStatus.Sync> syncs = new ArrayList<>();
    int i = 1;
    while (i < lines.length) {
      String line = lines[i];
      Matcher sync = SYNC.matcher(line);
      Matcher watching = WATCHING.matcher(line);
      if (line.isBlank()) {
        i++;
      } else if (sync.matches()) {
        i = parseSync(lines, i, sync.group(2), syncs);
      } else if (watching.matches()) {
        int count = Integer.parseInt(watching.group(1));
        int listed = 0;
        int j = i + 1;
        while (j < lines.length && WATCH_LINE.matcher(lines[j]).matches()) {
          listed++;
          j++;
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
        for (; j < lines.length; j++) {
          if (!lines[j].isBlank()) {
            throw new LsyncdParseException("unexpected text after the watched directories", false);
          }
        }
        return new LsyncdStatus(syncs, count);
      } else {
        throw new LsyncdParseException("unexpected line " + (i + 1) + ": " + shorten(line), false);
      }
    }
    throw new LsyncdParseException(
        "status file has no 'Inotify watching N directories' line (being rewritten?)", true);
  }

  /** Parses one sync block starting at its {@code SyncN} line; returns the next line index. */
  private static int parseSync(
      String[] lines, int start, String source, List<LsyncdStatus.Sync> out)
      throws LsyncdParseException {
    int i = start + 1;
    if (i >= lines.length || lines[i].isEmpty() && i == lines.length - 1) {
      throw new LsyncdParseException(
          "status file ends inside a sync block (being rewritten?)", true);
    }
    Matcher delays = DELAYS.matcher(lines[i]);
    if (!delays.matches()) {
      throw new LsyncdParseException(
          "expected 'There are N delays' at line " + (i + 1) + ": " + shorten(lines[i]), false);
    }
    int delayCount = Integer.parseInt(delays.group(1));
    Map<String, Integer> byState = new LinkedHashMap<>();
    i++;
    while (i < lines.length && !lines[i].startsWith("Filtering:")) {
      String line = lines[i];
      if (i == lines.length - 1) {
        throw new LsyncdParseException(
            "status file ends inside a delay list (being rewritten?)", true);
      }
      Matcher delay = DELAY_LINE.matcher(line);
      if (line.startsWith("->") || line.startsWith(" ")) {
        // continuation of a move: "-> target path"
        i++;
        continue;
      }
      if (!delay.matches()) {
        throw new LsyncdParseException(
            "unexpected delay line " + (i + 1) + ": " + shorten(line), false);
      }
      String state = STATES.contains(delay.group(1)) ? delay.group(1) : "other";
      byState.merge(state, 1, Integer::sum);
      i++;
    }
    if (i >= lines.length) {
      throw new LsyncdParseException(
          "status file ends before 'Filtering:' (being rewritten?)", true);
    }
    i++;
    // Filter rules (or "  nothing.") are indented; the block ends at the first unindented line.
    while (i < lines.length && lines[i].startsWith(" ")) {
      i++;
    }
    out.add(new LsyncdStatus.Sync(source, delayCount, byState));
    return i;
  }

  private static String shorten(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
  }
}
