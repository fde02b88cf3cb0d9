package io.github.homelabha.keepalived.process;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Write notifications (inotify) for the dump directories. A file's modification time alone cannot
 * tell two dumps apart on kernels whose file timestamps have tick resolution (several ms), but
 * every write produces an event; reading a directory's events needs only read access to it.
 */
final class DumpWatcher {
  /** Marks "events were lost": treat every file as written. */
  static final String OVERFLOW = "*";

  private final WatchService service;
  private final Map<Path, WatchKey> keys = new HashMap<>();

  private DumpWatcher(WatchService service) {
    this.service = service;
  }

  static DumpWatcher create() {
    try {
      return new DumpWatcher(FileSystems.getDefault().newWatchService());
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** Watches {@code dir} (once) and discards what happened so far; false if it cannot. */
  synchronized boolean arm(Path dir) {
    // a restarted keepalived is seen through a new /proc/PID path: drop the old watches
    keys.entrySet()
        .removeIf(
            e -> {
              if (!e.getKey().equals(dir)) {
                e.getValue().cancel();
                return true;
              }
              return false;
            });
    WatchKey key = keys.get(dir);
    if (key == null || !key.isValid()) {
      try {
        key =
            dir.register(
                service,
                StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY);
      } catch (IOException | UnsupportedOperationException e) {
        keys.remove(dir);
        return false;
      }
      keys.put(dir, key);
    }
    drain(dir);
    return true;
  }

  /** Names of files in {@code dir} written since the last call ({@link #OVERFLOW} if unknown). */
  synchronized Set<String> drain(Path dir) {
    Set<String> names = new HashSet<>();
    WatchKey key = keys.get(dir);
    if (key == null) {
      return names;
    }
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
        names.add(OVERFLOW);
      } else if (event.context() instanceof Path p) {
        names.add(p.toString());
      }
    }
    key.reset();
    return names;
  }
}
