package io.github.homelabha.sync.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutants of a real sample for parser fuzzing: truncations, byte flips, inserted and deleted
 * bytes, duplicated and swapped lines. The same seed gives the same mutants, so a failure can be
 * replayed.
 */
public final class Mutations {
  private Mutations() {}

  public static List<byte[]> of(byte[] sample, long seed, int count) {
    Random random = new Random(seed);
    List<byte[]> result = new ArrayList<>();
    for (int i = 0; i <= sample.length; i++) {
      // Every prefix: the half-written file a reader can see.
      result.add(java.util.Arrays.copyOf(sample, i));
    }
    for (int i = 0; i < count; i++) {
      byte[] m = sample.clone();
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits && m.length > 0; e++) {
        m = mutate(m, random);
      }
      result.add(m);
    }
    return result;
  }

  private static byte[] mutate(byte[] in, Random random) {
    int pos = random.nextInt(in.length);
    switch (random.nextInt(6)) {
      case 0 -> {
        byte[] out = in.clone();
        out[pos] = (byte) (out[pos] ^ (1 << random.nextInt(8)));
        return out;
      }
      case 1 -> {
        byte[] out = in.clone();
        out[pos] = INTERESTING[random.nextInt(INTERESTING.length)];
        return out;
      }
      case 2 -> {
        byte[] out = new byte[in.length + 1];
        System.arraycopy(in, 0, out, 0, pos);
        out[pos] = INTERESTING[random.nextInt(INTERESTING.length)];
        System.arraycopy(in, pos, out, pos + 1, in.length - pos);
        return out;
      }
      case 3 -> {
        byte[] out = new byte[in.length - 1];
        System.arraycopy(in, 0, out, 0, pos);
        System.arraycopy(in, pos + 1, out, pos, in.length - pos - 1);
        return out;
      }
      case 4 -> {
        // Repeat a chunk (a duplicated line or digits: long numbers, repeated keys).
        int len = 1 + random.nextInt(Math.min(40, in.length - pos));
        byte[] out = new byte[in.length + len * 3];
        System.arraycopy(in, 0, out, 0, pos + len);
        for (int r = 1; r <= 3; r++) {
          System.arraycopy(in, pos, out, pos + len * r, len);
        }
        System.arraycopy(in, pos + len, out, pos + len * 4, in.length - pos - len);
        return out;
      }
      default -> {
        return java.util.Arrays.copyOf(in, pos);
      }
    }
  }

  private static final byte[] INTERESTING = {
    '\n',
    '\r',
    ' ',
    '\t',
    ':',
    '=',
    '-',
    '0',
    '9',
    '{',
    '}',
    '[',
    ']',
    '"',
    ',',
    '/',
    0,
    (byte) 0xff,
    (byte) 0xc3,
    'x'
  };
}
