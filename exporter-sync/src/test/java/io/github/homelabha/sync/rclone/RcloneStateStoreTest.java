package io.github.homelabha.sync.rclone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RcloneStateStoreTest {
  @TempDir Path dir;

  @Test
  void roundTripsAndCreatesItsDirectory() {
    RcloneStateStore store = new RcloneStateStore(dir.resolve("a/b/state.json"));
    RcloneJobState state = new RcloneJobState();
    state.lastSuccessMs = 1234;
    state.lastError = "boom";
    state.current = new RcloneJobState.Run();
    state.current.errors = 2;
    store.save(Map.of("loki", state));
    RcloneJobState loaded = store.load().get("loki");
    assertThat(loaded.lastSuccessMs).isEqualTo(1234);
    assertThat(loaded.lastError).isEqualTo("boom");
    assertThat(loaded.current.errors).isEqualTo(2);
    assertThat(store.writeErrors()).isZero();
  }

  @Test
  void garbageOrMissingStateStartsFresh() throws Exception {
    Path file = dir.resolve("state.json");
    assertThat(new RcloneStateStore(file).load()).isEmpty();
    Files.writeString(file, "{\"loki\": [1, 2");
    assertThat(new RcloneStateStore(file).load()).isEmpty();
    Files.writeString(file, "[]");
    assertThat(new RcloneStateStore(file).load()).isEmpty();
  }

  @Test
  void unwritableLocationIsCountedNotThrown() throws Exception {
    Path blocker = dir.resolve("blocker");
    Files.writeString(blocker, "a file where a directory should be");
    RcloneStateStore store = new RcloneStateStore(blocker.resolve("state.json"));
    store.save(Map.of("loki", new RcloneJobState()));
    store.save(Map.of("loki", new RcloneJobState()));
    assertThat(store.writeErrors()).isEqualTo(2);
  }
}
