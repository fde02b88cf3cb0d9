package io.github.homelabha.sync.rclone;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.homelabha.core.io.BoundedFiles;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the jobs' state in a small JSON file so the last successful run survives exporter restarts.
 * Written atomically (temporary file + rename). A state file that cannot be read starts fresh with
 * a warning: the logs are re-read, so little is lost.
 */
public final class RcloneStateStore {
  private static final Logger LOG = LoggerFactory.getLogger(RcloneStateStore.class);
  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** A few hundred bytes per job; the cap keeps a wrong path (a device, a log) harmless. */
  static final long MAX_STATE_BYTES = 1 << 20;

  private final Path file;
  private long writeErrors;
  private boolean warnedWrite;

  public RcloneStateStore(Path file) {
    this.file = file;
  }

  public Map<String, RcloneJobState> load() {
    try {
      Map<String, RcloneJobState> loaded =
          MAPPER.readValue(
              BoundedFiles.read(file, MAX_STATE_BYTES),
              new TypeReference<LinkedHashMap<String, RcloneJobState>>() {});
      return loaded == null ? new LinkedHashMap<>() : loaded;
    } catch (NoSuchFileException e) {
      return new LinkedHashMap<>();
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring unreadable rclone state file {}: {}", file, e.getMessage());
      return new LinkedHashMap<>();
    }
  }

  public synchronized void save(Map<String, RcloneJobState> states) {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Files.write(temp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(states));
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      warnedWrite = false;
    } catch (IOException e) {
      writeErrors++;
      if (!warnedWrite) {
        LOG.warn(
            "cannot write rclone state file {} ({}); last runs will be forgotten on restart",
            file,
            e.toString());
        warnedWrite = true;
      }
    }
  }

  public synchronized long writeErrors() {
    return writeErrors;
  }
}
