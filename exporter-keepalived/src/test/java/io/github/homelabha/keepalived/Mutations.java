package io.github.homelabha.keepalived;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded corruptions of real samples for parser fuzz tests: truncations (the half-written file),
 * byte flips, inserted junk, dropped and repeated chunks. The same seed gives the same cases, so a
 * failure can be replayed.
 */
public final class Mutations {
  private Mutations() {}

  public static List<String> of(String sample, long seed, int count) {
    Random r = new Random(seed);
    byte[] base = sample.getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    // every truncation point near the start and end, where parsers are most fragile
    for (int i = 0; i < Math.min(64, base.length); i++) {
      out.add(new String(base, 0, i, StandardCharsets.UTF_8));
      out.add(new String(base, 0, base.length - i, StandardCharsets.UTF_8));
    }
    for (int n = 0; n < count; n++) {
      byte[] b = base.clone();
      switch (r.nextInt(5)) {
        case 0 -> out.add(new String(b, 0, r.nextInt(b.length + 1), StandardCharsets.UTF_8));
        case 1 -> {
          for (int k = 1 + r.nextInt(5); k > 0 && b.length > 0; k--) {
            b[r.nextInt(b.length)] = (byte) r.nextInt(256);
          }
          out.add(new String(b, StandardCharsets.UTF_8));
        }
        case 2 -> {
          int at = r.nextInt(b.length + 1);
          String junk =
              List.of(
                      "=",
                      ":",
                      "\n",
                      " ",
                      "(",
                      ")",
                      "-1",
                      "99999999999999999999",
                      "\"",
                      "{",
                      "]",
                      "  VRRP Instance = X\n",
                      "   State = MASTER\n",
                      "     1.2.3.4/99 dev x\n")
                  .get(r.nextInt(14));
          out.add(
              new String(b, 0, at, StandardCharsets.UTF_8)
                  + junk
                  + new String(b, at, b.length - at, StandardCharsets.UTF_8));
        }
        case 3 -> {
          int from = r.nextInt(b.length + 1);
          int to = Math.min(b.length, from + r.nextInt(200));
          out.add(
              new String(b, 0, from, StandardCharsets.UTF_8)
                  + new String(b, to, b.length - to, StandardCharsets.UTF_8));
        }
        default -> {
          int from = r.nextInt(b.length + 1);
          int to = Math.min(b.length, from + r.nextInt(300));
          String chunk = new String(b, from, to - from, StandardCharsets.UTF_8);
          out.add(
              new String(b, 0, to, StandardCharsets.UTF_8)
                  + chunk
                  + new String(b, to, b.length - to, StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }
}
