package io.github.homelabha.keepalived.fifo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uses a real FIFO (mkfifo), written the way keepalived writes it: open, lines, close, reopen. */
class NotifyFifoReaderTest {
  @TempDir Path dir;

  private final List<NotifyEvent> events = new CopyOnWriteArrayList<>();
  private final AtomicInteger closes = new AtomicInteger();
  private final NotifyListener listener =
      new NotifyListener() {
        @Override
        public void onEvent(NotifyEvent event) {
          events.add(event);
        }

        @Override
        public void onWriterClosed() {
          closes.incrementAndGet();
        }
      };

  private Path mkfifo() throws Exception {
    Path fifo = dir.resolve("notify.fifo");
    Process p;
    try {
      p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      assumeTrue(false, "mkfifo not available: " + e.getMessage());
      throw e;
    }
    assumeTrue(p.waitFor() == 0, "mkfifo failed");
    return fifo;
  }

  private static void write(Path fifo, String text) throws IOException {
    try (FileOutputStream out = new FileOutputStream(fifo.toFile())) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void readsEveryLineAndReopensAfterTheWriterCloses() throws Exception {
    Path fifo = mkfifo();
    NotifyFifoReader reader = new NotifyFifoReader(fifo, listener);
    reader.start();
    try {
      write(fifo, "INSTANCE \"VI_1\" BACKUP 100\nINSTANCE \"VI_1\" MASTER 100\n");
      await().atMost(Duration.ofSeconds(30)).until(() -> events.size() == 2);
      await().atMost(Duration.ofSeconds(30)).until(() -> closes.get() == 1);
      // keepalived reloaded: a new writer, the reader must be there again
      write(fifo, "VS \"x\" UP\nINSTANCE \"VI_1\" STOP 100\nGROUP \"G\" FAULT 0\n");
      await().atMost(Duration.ofSeconds(30)).until(() -> events.size() == 4);
      await().atMost(Duration.ofSeconds(30)).until(() -> closes.get() == 2);
      // one writer, as keepalived keeps the FIFO open: a writer opening while the reader closes
      // after the previous one's EOF would lose its line with the pipe
      StringBuilder lines = new StringBuilder();
      for (int i = 0; i < 50; i++) {
        lines.append("INSTANCE \"VI_2\" ").append(i % 2 == 0 ? "MASTER" : "BACKUP").append(" 50\n");
      }
      write(fifo, lines.toString());
      await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 54);
    } finally {
      reader.stop();
    }
    assertThat(events.get(1).event()).isEqualTo("MASTER");
    assertThat(events.get(3).kind()).isEqualTo(NotifyEvent.Kind.GROUP);
  }

  @Test
  void waitsForAFifoThatDoesNotExistYetAndSaysSo() throws Exception {
    Path fifo = dir.resolve("later.fifo");
    NotifyFifoReader reader = new NotifyFifoReader(fifo, listener);
    reader.start();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> reader.problem().isPresent());
      assertThat(reader.problem().orElseThrow()).contains("does not exist").contains("notify_fifo");
      Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
      assumeTrue(p.waitFor() == 0, "mkfifo failed");
      write(fifo, "INSTANCE \"VI_1\" MASTER 100\n");
      await().atMost(Duration.ofSeconds(30)).until(() -> events.size() == 1);
    } finally {
      reader.stop();
    }
  }

  @Test
  void stopReturnsPromptlyWhileBlockedWaitingForAWriter() throws Exception {
    Path fifo = mkfifo();
    NotifyFifoReader reader = new NotifyFifoReader(fifo, listener);
    reader.start();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> reader.problem().orElse("").startsWith("waiting for keepalived"));
    long t0 = System.nanoTime();
    reader.stop();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    assertThat(Files.exists(fifo)).isTrue();
  }

  @Test
  void keepsReadingAfterTheListenerFailsEvenWithAnError() throws Exception {
    Path fifo = mkfifo();
    NotifyListener failingOnce =
        new NotifyListener() {
          @Override
          public void onEvent(NotifyEvent event) {
            if (event.name().equals("BOOM")) {
              // what 10,000 invented instances once did to the heap
              throw new OutOfMemoryError("simulated");
            }
            events.add(event);
          }

          @Override
          public void onWriterClosed() {
            closes.incrementAndGet();
          }
        };
    NotifyFifoReader reader = new NotifyFifoReader(fifo, failingOnce);
    reader.start();
    try {
      write(fifo, "INSTANCE \"BOOM\" MASTER 100\n");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> reader.problem().orElse("").contains("OutOfMemoryError"));
      // blocks until the restarted reader has opened the FIFO again
      write(fifo, "INSTANCE \"VI_1\" MASTER 100\n");
      await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);
    } finally {
      reader.stop();
    }
    assertThat(events.get(0).name()).isEqualTo("VI_1");
  }
}
