package io.github.homelabha.sync.canary;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The canary file's text format. A header naming the format and version, three {@code key=value}
 * lines and a closing {@code end} line, so a truncated copy is recognised as such:
 *
 * <pre>
 * homelab-ha-sync-canary 1
 * written_at_ms=1763923200123
 * sequence=42
 * writer=node-a
 * end
 * </pre>
 */
public final class CanaryFormat {
  static final String HEADER = "homelab-ha-sync-canary 1";
  static final String END = "end";

  /** Far larger than any canary we write; anything bigger is not ours. */
  public static final int MAX_BYTES = 1024;

  /** 9999-12-31T23:59:59.999Z: a later timestamp is corruption, not a clock. */
  private static final long LATEST_MILLIS = 253_402_300_799_999L;

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
  private static final Pattern WRITER = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private CanaryFormat() {}

  public static String format(Canary canary) {
    return HEADER
        + "\nwritten_at_ms="
        + canary.writtenAt().toEpochMilli()
        + "\nsequence="
        + canary.sequence()
        + "\nwriter="
        + canary.writer()
        + "\n"
        + END
        + "\n";
  }

  /** Turns any host name into a writer name the format accepts. */
  public static String sanitizeWriter(String hostName) {
    String cleaned = hostName == null ? "" : hostName.replaceAll("[^A-Za-z0-9._-]", "_");
    if (cleaned.isEmpty()) {
      return "unknown";
    }
    return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
  }

  public static Canary parse(byte[] bytes) throws CanaryParseException {
    if (bytes.length == 0) {
      throw new CanaryParseException("canary file is empty");
    }
    if (bytes.length > MAX_BYTES) {
      throw new CanaryParseException(
          "canary file is " + bytes.length + " bytes, more than the " + MAX_BYTES + " we write");
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    String[] lines = text.split("\n", -1);
    // A complete file ends with "end\n": split leaves an empty last element after it.
    if (lines.length < 2 || !lines[lines.length - 1].isEmpty()) {
      throw new CanaryParseException("canary file does not end with a newline (truncated?)");
    }
    if (!lines[0].equals(HEADER)) {
      throw new CanaryParseException("canary file does not start with '" + HEADER + "'");
    }
    if (!lines[lines.length - 2].equals(END)) {
      throw new CanaryParseException("canary file does not end with '" + END + "' (truncated?)");
    }
    Map<String, String> values = new HashMap<>();
    for (int i = 1; i < lines.length - 2; i++) {
      String line = lines[i];
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new CanaryParseException("canary line " + (i + 1) + " is not key=value");
      }
      String key = line.substring(0, eq);
      if (values.put(key, line.substring(eq + 1)) != null) {
        throw new CanaryParseException("canary key '" + shorten(key) + "' appears twice");
      }
    }
    long writtenAtMs = number(values, "written_at_ms");
    long sequence = number(values, "sequence");
    String writer = values.get("writer");
    if (writer == null || !WRITER.matcher(writer).matches()) {
      throw new CanaryParseException("canary has no valid writer");
    }
    if (values.size() != 3) {
      throw new CanaryParseException("canary has unknown keys");
    }
    if (writtenAtMs > LATEST_MILLIS) {
      throw new CanaryParseException("canary timestamp out of range");
    }
    return new Canary(Instant.ofEpochMilli(writtenAtMs), sequence, writer);
  }

  private static long number(Map<String, String> values, String key) throws CanaryParseException {
    String value = values.get(key);
    if (value == null) {
      throw new CanaryParseException("canary has no " + key);
    }
    if (!DIGITS.matcher(value).matches()) {
      throw new CanaryParseException("canary " + key + " is not a number: " + shorten(value));
    }
    return Long.parseLong(value);
  }

  private static String shorten(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
  }
}
