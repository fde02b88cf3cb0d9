package io.github.homelabha.sync.lsyncd;

import java.util.List;
import java.util.Map;

/**
 * One complete lsyncd statusFile.
 *
 * @param syncs one entry per {@code sync{}} block, in file order
 * @param watchedDirectories the {@code Inotify watching N directories} count
 */
public record LsyncdStatus(List<Sync> syncs, int watchedDirectories) {
  public LsyncdStatus {
    syncs = List.copyOf(syncs);
  }

  /**
   * One sync block.
   *
   * @param source the source directory as lsyncd prints it (with a trailing slash)
   * @param delays the {@code There are N delays} count
   * @param delaysByState listed delays per state ({@code active}, {@code wait}, {@code block},
   *     anything else as {@code other})
   */
  public record Sync(String source, int delays, Map<String, Integer> delaysByState) {
    public Sync {
      delaysByState = Map.copyOf(delaysByState);
    }

    /** Changes being transferred right now. */
    public int active() {
      return delaysByState.getOrDefault("active", 0);
    }
  }
}
