package io.github.homelabha.keepalived.fifo;

import io.github.homelabha.core.api.BackgroundTask;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads keepalived's notify FIFO ({@code notify_fifo} / {@code vrrp_notify_fifo}) line by line on
 * its own thread. keepalived closes the FIFO on reload and stop, which the reader sees as end of
 * file: it then opens the FIFO again (the open blocks until keepalived opens it for writing), so no
 * event is lost across reloads and restarts. The FIFO is only opened for reading, so read
 * permission is all the exporter needs.
 */
public final class NotifyFifoReader implements BackgroundTask {
  private static final Logger LOG = LoggerFactory.getLogger(NotifyFifoReader.class);
  private static final int MAX_LINE = 4096;

  /** How long {@link #stop()} waits for the reader thread to end. */
  private static final long STOP_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);

  private final Path fifo;
  private final NotifyListener listener;
  private volatile boolean running;
  private volatile boolean opening;
  private volatile boolean connected;
  private volatile String problem = "not started";
  private Thread thread;

  public NotifyFifoReader(Path fifo, NotifyListener listener) {
    this.fifo = fifo;
    this.listener = listener;
  }

  @Override
  public String name() {
    return "notify-fifo " + fifo;
  }

  @Override
  public synchronized void start() {
    running = true;
    thread = new Thread(this::loop, "keepalived-fifo-" + fifo.getFileName());
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (thread == null) {
      return;
    }
    thread.interrupt(); // closes a channel blocked in read
    // open() of a FIFO is not interruptible: a reader in it (or just going in) needs a writer
    long deadline = System.nanoTime() + STOP_WAIT_NANOS;
    boolean unblocked = false;
    try {
      while (thread.isAlive() && System.nanoTime() < deadline) {
        if (opening && !unblocked) {
          unblockOpen();
          unblocked = true;
        }
        thread.join(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Empty while reading normally; else why the FIFO cannot be read right now. */
  public Optional<String> problem() {
    return connected || problem == null ? Optional.empty() : Optional.of(problem);
  }

  public Path path() {
    return fifo;
  }

  /**
   * Runs until stopped, whatever happens: a failure in one pass (even an {@link Error} such as
   * running out of memory) is logged and the FIFO is opened again after a pause.
   */
  private void loop() {
    while (running) {
      try {
        pass();
      } catch (Throwable t) { // NOPMD: the reader must outlive any failure, see above
        connected = false;
        problem = "reading notify FIFO " + fifo + " failed: " + t.getClass().getSimpleName();
        LOG.error("{}; restarting the reader", problem, t);
        sleep(1000);
      }
    }
  }

  /** Whether the current problem with the FIFO's path was logged already. */
  private boolean warned;

  /** One attempt: wait for the FIFO to exist, or read it until keepalived closes it. */
  private void pass() {
    if (!Files.exists(fifo)) {
      problem =
          "notify FIFO "
              + fifo
              + " does not exist yet (keepalived creates it on start when 'notify_fifo "
              + fifo
              + "' is in global_defs)";
      if (!warned) {
        LOG.warn(problem);
        warned = true;
      }
      sleep(500);
      return;
    }
    if (Files.isRegularFile(fifo)) {
      problem = fifo + " is a regular file, not a FIFO: remove it and let keepalived create it";
      if (!warned) {
        LOG.error(problem);
        warned = true;
      }
      sleep(2000);
      return;
    }
    warned = false;
    readUntilEof();
  }

  private void readUntilEof() {
    opening = true;
    problem = "waiting for keepalived to open " + fifo + " for writing";
    FileChannel channel;
    try {
      channel = FileChannel.open(fifo, StandardOpenOption.READ);
    } catch (IOException e) {
      opening = false;
      problem = "cannot open notify FIFO " + fifo + ": " + e.getClass().getSimpleName();
      LOG.warn("{} (grant the exporter read access to it)", problem);
      sleep(2000);
      return;
    }
    opening = false;
    connected = true;
    try (channel;
        InputStream in = Channels.newInputStream(channel)) {
      byte[] line = new byte[MAX_LINE];
      int len = 0;
      boolean overlong = false;
      int b;
      while (running && (b = in.read()) != -1) {
        if (b == '\n') {
          if (!overlong) {
            String text = new String(line, 0, len, StandardCharsets.UTF_8);
            long now = System.currentTimeMillis();
            NotifyLineParser.parse(text, now).ifPresent(this::deliver);
          }
          len = 0;
          overlong = false;
        } else if (len < MAX_LINE) {
          line[len++] = (byte) b;
        } else {
          overlong = true;
        }
      }
    } catch (IOException e) {
      if (running) {
        LOG.warn("reading notify FIFO {} failed: {}", fifo, e.getClass().getSimpleName());
        sleep(500);
      }
    } finally {
      connected = false;
    }
    if (running) {
      LOG.info("keepalived closed notify FIFO {} (reload or stop); reopening", fifo);
      try {
        listener.onWriterClosed();
      } catch (RuntimeException e) {
        LOG.error("notify FIFO listener failed", e);
      }
    }
  }

  private void deliver(NotifyEvent e) {
    try {
      listener.onEvent(e);
    } catch (RuntimeException ex) {
      // one bad event must not stop the reader; the exception carries no dump content
      LOG.error("handling notify FIFO event for {} failed", e.name(), ex);
    }
  }

  /** Opens the FIFO for writing once so a reader blocked in open() returns; best effort. */
  private void unblockOpen() {
    Thread t =
        new Thread(
            () -> {
              try (FileOutputStream ignored = new FileOutputStream(fifo.toFile())) {
                // opening is enough
              } catch (IOException e) {
                // no write permission: the daemon reader thread ends with the JVM
              }
            },
            "keepalived-fifo-unblock");
    t.setDaemon(true);
    t.start();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
