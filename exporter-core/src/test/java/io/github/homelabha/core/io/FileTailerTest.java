package io.github.homelabha.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.testkit.system.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTailerTest {
  @TempDir Path dir;

  private final List<String> lines = new ArrayList<>();

  private void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void handsOverCompleteLinesOnlyOnce() throws IOException {
    Path log = dir.resolve("a.log");
    FileTailer tailer = FileTailer.fromStart(log, 1024);
    assertThat(tailer.poll(lines::add)).isFalse();
    append(log, "one\ntwo\r\nthr");
    assertThat(tailer.poll(lines::add)).isTrue();
    assertThat(lines).containsExactly("one", "two");
    append(log, "ee\n");
    tailer.poll(lines::add);
    tailer.poll(lines::add);
    assertThat(lines).containsExactly("one", "two", "three");
  }

  @Test
  void readsARotatedOrTruncatedFileFromItsStart() throws IOException {
    Path log = dir.resolve("a.log");
    append(log, "old 1\nold 2\n");
    FileTailer tailer = FileTailer.fromStart(log, 1024);
    tailer.poll(lines::add);
    // logrotate's default: rename, then the program writes a new file under the old name
    Files.move(log, dir.resolve("a.log.1"));
    append(log, "new 1\nnew 2\nnew 3\n");
    tailer.poll(lines::add);
    assertThat(lines).containsExactly("old 1", "old 2", "new 1", "new 2", "new 3");
    // copytruncate: same file, shorter
    Files.writeString(log, "again\n");
    tailer.poll(lines::add);
    assertThat(lines).endsWith("again");
  }

  @Test
  void startsNearTheEndAtALineBoundary() throws IOException {
    Path log = dir.resolve("a.log");
    append(log, "x".repeat(100) + "\nlast one\n");
    FileTailer tailer = FileTailer.fromNearEnd(log, 1024, 20);
    tailer.poll(lines::add);
    assertThat(lines).containsExactly("last one");
  }

  @Test
  void spreadsABacklogOverPollsAndSkipsOverlongLines() throws IOException {
    Path log = dir.resolve("a.log");
    append(log, "a\nb\nc\n" + "y".repeat(50) + "\nd\n");
    FileTailer tailer = FileTailer.fromStart(log, 16);
    tailer.poll(lines::add);
    assertThat(lines).containsExactly("a", "b", "c");
    for (int i = 0; i < 10; i++) {
      tailer.poll(lines::add);
    }
    assertThat(lines).endsWith("d");
    assertThat(tailer.overlongLines()).isPositive();
  }

  @Test
  void continuesFromAKeptPosition() throws IOException {
    Path log = dir.resolve("a.log");
    append(log, "seen\n");
    FileTailer first = FileTailer.fromStart(log, 1024);
    first.poll(lines::add);
    append(log, "new\n");
    FileTailer second = FileTailer.fromStart(log, 1024);
    second.seek(first.fileKey(), first.offset());
    List<String> after = new ArrayList<>();
    second.poll(after::add);
    assertThat(after).containsExactly("new");
  }

  @Test
  void refusesAFifo() throws Exception {
    Path fifo = dir.resolve("fifo");
    Commands.run("mkfifo", fifo.toString());
    assertThatThrownBy(() -> FileTailer.fromStart(fifo, 1024).poll(lines::add))
        .hasMessageContaining("not a regular file");
  }
}
