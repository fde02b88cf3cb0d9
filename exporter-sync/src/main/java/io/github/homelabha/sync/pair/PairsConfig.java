package io.github.homelabha.sync.pair;

import io.github.homelabha.core.api.ConfigProblems;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks that belong to the list of pairs as a whole. */
public final class PairsConfig {
  private PairsConfig() {}

  public static void validate(List<PairConfig> pairs, ConfigProblems problems) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < pairs.size(); i++) {
      PairConfig pair = pairs.get(i);
      String at = "pairs[" + i + "]";
      if (pair == null) {
        problems.add(at, "empty entry");
        continue;
      }
      pair.validate(at, problems);
      if (pair.name != null && !names.add(pair.name)) {
        problems.add(at + ".name", "duplicate pair name " + pair.name);
      }
      if (pair.name != null && (pair.name.equals("lsyncd") || pair.name.equals("rclone"))) {
        problems.add(at + ".name", "'" + pair.name + "' is the name of a built-in target");
      }
    }
  }
}
