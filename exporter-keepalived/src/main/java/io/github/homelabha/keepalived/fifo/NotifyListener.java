package io.github.homelabha.keepalived.fifo;

/** Receives what the FIFO reader sees, on the reader's thread. */
public interface NotifyListener {
  void onEvent(NotifyEvent event);

  /** keepalived closed its end (reload, restart or stop); the reader opens the FIFO again. */
  void onWriterClosed();
}
