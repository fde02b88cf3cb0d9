package io.github.homelabha.drill.system;

import java.util.List;

/**
 * The first outage in the independent probe's log ({@code <epoch ms> ok|fail} lines, in any order):
 * from the first failure to the first success after which it stayed up for {@code settle} seconds.
 */
final class IndependentOutage {
  private IndependentOutage() {}

  static double seconds(List<String> lines, double settle) {
    Long firstFail = null;
    Long upSince = null;
    List<String[]> probes =
        lines.stream()
            .map(l -> l.trim().split(" "))
            .filter(p -> p.length == 2)
            .sorted(java.util.Comparator.comparingLong(p -> Long.parseLong(p[0])))
            .toList();
    for (String[] parts : probes) {
      long at = Long.parseLong(parts[0]);
      boolean ok = parts[1].equals("ok");
      if (!ok) {
        if (firstFail == null) {
          firstFail = at;
        }
        upSince = null;
      } else if (firstFail != null) {
        if (upSince == null) {
          upSince = at;
        }
        if (at - upSince >= settle * 1000) {
          return (upSince - firstFail) / 1000.0;
        }
      }
    }
    throw new AssertionError("the independent probe saw no outage that ended: " + lines);
  }
}
