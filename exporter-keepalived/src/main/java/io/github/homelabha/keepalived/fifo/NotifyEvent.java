package io.github.homelabha.keepalived.fifo;

/**
 * One line keepalived wrote to its notify FIFO, e.g. {@code INSTANCE "VI_1" MASTER 100}.
 *
 * @param kind what the line is about
 * @param name the instance or group name
 * @param event the word after the name: a state ({@code MASTER}, {@code BACKUP}, {@code FAULT},
 *     {@code STOP}, {@code DELETED}) or an event ({@code MASTER_RX_LOWER_PRI}, {@code
 *     MASTER_PRIORITY}, {@code BACKUP_PRIORITY})
 * @param priority the instance's effective priority at that moment (0 for groups)
 * @param receivedAtMillis when the exporter read the line (epoch ms)
 */
public record NotifyEvent(
    Kind kind, String name, String event, int priority, long receivedAtMillis) {

  /** INSTANCE or GROUP; checker lines (VS/RS) are not VRRP events and are skipped. */
  public enum Kind {
    INSTANCE,
    GROUP
  }

  /** True for lines that report a priority change rather than a state change. */
  public boolean isPriorityChange() {
    return event.endsWith("_PRIORITY");
  }
}
