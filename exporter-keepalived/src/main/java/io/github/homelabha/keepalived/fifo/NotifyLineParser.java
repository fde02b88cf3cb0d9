package io.github.homelabha.keepalived.fifo;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses notify FIFO lines: {@code TYPE "NAME" EVENT PRIORITY}. keepalived's checker writes {@code
 * VS}/{@code RS} lines to the same FIFO; those and anything unreadable give an empty result, since
 * one odd line must not stop the reader.
 */
public final class NotifyLineParser {
  private static final Pattern LINE =
      Pattern.compile("^(INSTANCE|GROUP) \"([^\"\\s]{1,128})\" ([A-Z_]{1,32}) (\\d{1,3})$");
  private static final Set<String> EVENTS =
      Set.of(
          "MASTER",
          "BACKUP",
          "FAULT",
          "STOP",
          "DELETED",
          "MASTER_RX_LOWER_PRI",
          "MASTER_PRIORITY",
          "BACKUP_PRIORITY");

  private NotifyLineParser() {}

  public static Optional<NotifyEvent> parse(String line, long receivedAtMillis) {
    Matcher m = LINE.matcher(line.strip());
    if (!m.matches() || !EVENTS.contains(m.group(3))) {
      return Optional.empty();
    }
    int priority = Integer.parseInt(m.group(4));
    if (priority > 255) {
      return Optional.empty();
    }
    return Optional.of(
        new NotifyEvent(
            NotifyEvent.Kind.valueOf(m.group(1)),
            m.group(2),
            m.group(3),
            priority,
            receivedAtMillis));
  }
}
